import { Module, type NestModule } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express } from 'express';
import { AuthModule } from '../auth/auth.module.js';
import { BodiesModule } from '../bodies/bodies.module.js';
import { CalendarModule } from '../calendar/calendar.module.js';
import { DavCollectionsService } from './dav-collections.service.js';
import { DavSyncService } from './dav-sync.service.js';
import { DavMiddleware } from './dav.middleware.js';
import { DavRepository } from './dav.repository.js';
import { isDeviceAuthPath } from '../auth/auth.setup.js';

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
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly dav: DavMiddleware,
  ) {}

  /**
   * One plain Express middleware (registered with the module middleware, before the routes): Nest's
   * forRoutes() would add a route for each of Express's 30-odd methods on each path.
   */
  configure(): void {
    const app = this.adapterHost.httpAdapter.getInstance<Express>();
    app.use((req, res, next) => {
      if (!isDeviceAuthPath(req.path)) return next();
      this.dav.use(req, res, next);
    });
  }
}
