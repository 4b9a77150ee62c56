import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { oparlPreflight } from './oparl-http.js';
import { OparlAnswerCache } from './oparl-answer-cache.js';
import { OparlTombstonesService } from './oparl-tombstones.service.js';
import { OparlController } from './oparl.controller.js';
import { OparlRepository } from './oparl.repository.js';
import { OparlService } from './oparl.service.js';

/** OParl 1.1: the network's public bodies, people, meetings and decisions for council information clients. */
@Module({
  controllers: [OparlController],
  providers: [OparlService, OparlRepository, OparlAnswerCache, OparlTombstonesService],
})
export class OparlModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(oparlPreflight).forRoutes('oparl/*path');
  }
}
