import { Module } from '@nestjs/common';
import { AccountPeopleModule } from '../auth/account-people.module.js';
import { AuditController } from './audit.controller.js';
import { AuditBodies } from './audit-bodies.js';
import { AuditLog } from './audit-log.service.js';
import { AuditRepository } from './audit.repository.js';
import { AuditService } from './audit.service.js';

/** The audit log: AuditLog for every module that changes data (each imports this module), and the admin page. */
@Module({
  imports: [AccountPeopleModule],
  controllers: [AuditController],
  providers: [AuditLog, AuditRepository, AuditService, AuditBodies],
  exports: [AuditLog, AuditRepository, AuditBodies],
})
export class AuditModule {}
