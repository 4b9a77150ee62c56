import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { APP_SCHEMA } from './app.entities.js';
import { DatabaseModule } from './database/database.module.js';
import { DirectoryPagesModule } from './directory-pages/directory-pages.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BodiesModule } from './bodies/bodies.module.js';
import { HealthModule } from './health/health.module.js';
import { OpsModule } from './ops/ops.module.js';
import { HomeModule } from './home/home.module.js';
import { MeetingsModule } from './meetings/meetings.module.js';
import { CalendarModule } from './calendar/calendar.module.js';
import { MailModule } from './mail/mail.module.js';
import { MinutesModule } from './minutes/minutes.module.js';
import { DocumentsModule } from './documents/documents.module.js';
import { MeetingPageModule } from './meeting-page/meeting-page.module.js';
import { MyPageModule } from './my-page/my-page.module.js';
import { OrganisationsModule } from './organisations/organisations.module.js';
import { PagesModule } from './pages/pages.module.js';
import { PeopleModule } from './people/people.module.js';
import { PollsModule } from './polls/polls.module.js';
import { CircularsModule } from './circulars/circulars.module.js';
import { PrivacyModule } from './privacy/privacy.module.js';
import { SearchModule } from './search/search.module.js';
import { TransferModule } from './transfer/transfer.module.js';
import { SeedsModule } from './seeds.module.js';
import { DavModule } from './dav/dav.module.js';
import { OparlModule } from './oparl/oparl.module.js';
import { PageCacheModule } from './page-cache/page-cache.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(APP_SCHEMA),
        PageCacheModule,
        MailModule,
        AuthModule,
        AuditModule,
        SearchModule,
        OrganisationsModule,
        PeopleModule,
        PrivacyModule,
        TransferModule,
        BodiesModule,
        HomeModule,
        MeetingsModule,
        CalendarModule,
        DavModule,
        MinutesModule,
        DocumentsModule,
        PollsModule,
        OparlModule,
        CircularsModule,
        // after MeetingsModule: /sitzungen/neu, /sitzungen/monat … must win over /sitzungen/:id
        MeetingPageModule,
        SeedsModule,
        HealthModule,
        OpsModule,
        PagesModule,
        MyPageModule,
        // after the domain modules: its ':id' pages must not shadow their fixed paths
        DirectoryPagesModule,
      ],
    };
  }
}
