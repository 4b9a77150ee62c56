import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AccountPeopleModule } from '../auth/account-people.module.js';
import { BodiesModule } from '../bodies/bodies.module.js';
import { MeetingsModule } from '../meetings/meetings.module.js';
import { SearchModule } from '../search/search.module.js';
import { DocumentSearchRegistration } from './document-search.js';
import { MinutesModule } from '../minutes/minutes.module.js';
import { DocumentStorage } from './document-storage.js';
import { DocumentTextWorker } from './document-text.worker.js';
import { DocumentUploadMiddleware } from './document-upload.middleware.js';
import { DocumentsController } from './documents.controller.js';
import { DocumentsService } from './documents.service.js';
import { GeneratedDocumentsService } from './generated-documents.service.js';

/** Meeting documents (Sitzungsunterlagen): files of a meeting stored in the database. */
@Module({
  imports: [MeetingsModule, BodiesModule, AuditModule, AccountPeopleModule, SearchModule, MinutesModule],
  controllers: [DocumentsController],
  providers: [DocumentStorage, DocumentsService, DocumentTextWorker, DocumentSearchRegistration, GeneratedDocumentsService],
  exports: [DocumentsService, DocumentTextWorker, GeneratedDocumentsService],
})
export class DocumentsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(DocumentUploadMiddleware).forRoutes(
      { path: 'sitzungen/:id/unterlagen/neu', method: RequestMethod.POST },
      { path: 'unterlagen/:id/fassungen', method: RequestMethod.POST },
    );
  }
}
