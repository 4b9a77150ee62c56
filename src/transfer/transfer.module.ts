import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { BodiesModule } from '../bodies/bodies.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { PeopleModule } from '../people/people.module.js';
import { TransferController } from './transfer.controller.js';
import { TransferService } from './transfer.service.js';
import { uploadMiddleware } from './upload.middleware.js';

/** CSV export and import (administrators). */
@Module({
  imports: [OrganisationsModule, PeopleModule, BodiesModule, AuditModule],
  controllers: [TransferController],
  providers: [TransferService],
})
export class TransferModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(uploadMiddleware).forRoutes({ path: 'admin/daten/import', method: RequestMethod.POST });
  }
}
