import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { BodiesModule } from '../bodies/bodies.module.js';
import { CalendarModule } from '../calendar/calendar.module.js';
import { DavCollectionsService } from './dav-collections.service.js';
import { DavSyncService } from './dav-sync.service.js';
import { DavMiddleware } from './dav.middleware.js';
import { DavRepository } from './dav.repository.js';

/**
 * Read-only CardDAV and CalDAV (RFC 4918, 6352, 4791, 6578, 6764) for members' devices. Served by a
 * middleware for every HTTP method (PROPFIND, REPORT, OPTIONS … are no Nest route methods), so no
 * controller guard, CSRF token or view is involved; device passwords come from auth.
 */
@Module({
  imports: [AuthModule, BodiesModule, CalendarModule],
  providers: [DavRepository, DavCollectionsService, DavSyncService, DavMiddleware],
  exports: [DavSyncService],
})
export class DavModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(DavMiddleware)
      .forRoutes(
        { path: 'dav', method: RequestMethod.ALL },
        { path: 'dav/{*path}', method: RequestMethod.ALL },
        { path: '.well-known/carddav', method: RequestMethod.ALL },
        { path: '.well-known/caldav', method: RequestMethod.ALL },
      );
  }
}
