import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Body } from './body.entity.js';
import { Membership } from './membership.entity.js';
import { BodyQuorumRule } from './quorum-rule.entity.js';
import { QuorumRulesController } from './quorum-rules.controller.js';
import { QuorumRulesService } from './quorum-rules.service.js';

/**
 * Per-body quorum policy (bodies layer). Its own small module so meetings (forecast) and minutes
 * (recorded quorum) can import it without importing BodiesModule, which still imports upwards.
 */
@Module({
  imports: [TypeOrmModule.forFeature([BodyQuorumRule, Body, Membership])],
  controllers: [QuorumRulesController],
  providers: [QuorumRulesService],
  exports: [QuorumRulesService],
})
export class QuorumRulesModule {}
