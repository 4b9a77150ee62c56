import { Global, Module } from '@nestjs/common';
import { BodyPolicyService } from './body-policy.service.js';

/**
 * Per-body policy (current members, chairs, who may manage a body) for every module that works with
 * body data. Global, so meetings, minutes and mail inject BodyPolicyService without importing bodies'
 * module graph; imported once by BodiesModule.
 */
@Global()
@Module({
  providers: [BodyPolicyService],
  exports: [BodyPolicyService],
})
export class BodyPolicyModule {}
