import { Controller, Get, Inject, Param, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentViewer, isMember, type Viewer } from '../auth/viewer.js';
import { IdParamPipe } from '../common/http/id-param.pipe.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { MeetingsService } from '../meetings/meetings.service.js';
import { CalendarFeedService } from './calendar-feed.service.js';
import { sendCalendar } from './http-cache.js';
import { subscriptionLinks } from './subscription-links.js';

/** iCalendar feeds (inline, for subscribing) and single-meeting files (attachment), plus the help page. */
@Controller()
export class CalendarController {
  constructor(
    private readonly feeds: CalendarFeedService,
    private readonly meetings: MeetingsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('kalender')
  @Render('calendar/index')
  async index(@CurrentViewer() viewer: Viewer) {
    const bodies = await this.meetings.bodies(viewer);
    return {
      pageTitle: 'Sitzungskalender abonnieren',
      publicFeed: subscriptionLinks(this.config.baseUrl, '/kalender/oeffentlich.ics'),
      bodyFeeds: bodies.map((b) => ({ name: b.name, isInternal: !b.isPublic, ...subscriptionLinks(this.config.baseUrl, `/gremien/${b.id}/sitzungen.ics`) })),
      isMember: isMember(viewer),
    };
  }

  @Get('kalender/oeffentlich.ics')
  async publicFeed(@Req() req: Request, @Res() res: Response): Promise<void> {
    sendCalendar(req, res, await this.feeds.publicFeed(), { disposition: 'inline', filename: 'sitzungen.ics', private: false });
  }

  @Get('gremien/:id/sitzungen.ics')
  async bodyFeed(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Req() req: Request, @Res() res: Response): Promise<void> {
    const calendar = await this.feeds.bodyFeed(id, viewer);
    sendCalendar(req, res, calendar, { disposition: 'inline', filename: `gremium-${id}-sitzungen.ics`, private: isMember(viewer) });
  }

  @Get('sitzungen/:id/ical')
  async single(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { calendar } = await this.feeds.singleMeeting(id, viewer);
    sendCalendar(req, res, calendar, { disposition: 'attachment', filename: `sitzung-${id}.ics`, private: isMember(viewer) });
  }
}
