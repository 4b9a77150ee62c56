import { Module } from '@nestjs/common';
import { BackupSchedulerService } from './backup-scheduler.service.js';

@Module({
  providers: [BackupSchedulerService],
  exports: [BackupSchedulerService],
})
export class OpsModule {}
