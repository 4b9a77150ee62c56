import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { BodiesModule } from '../bodies/bodies.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { MailModule } from '../mail/mail.module.js';
import { BodyCircularsController, CircularsController } from './circulars.controller.js';
import { CircularsService } from './circulars.service.js';

/** Circulars (Rundschreiben) to a body's members, several bodies or organisation contacts, through the outbox. */
@Module({
  imports: [BodiesModule, MailModule, DocumentsModule, AuditModule],
  controllers: [BodyCircularsController, CircularsController],
  providers: [CircularsService],
  exports: [CircularsService],
})
export class CircularsModule {}
