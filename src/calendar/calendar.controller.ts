import { Controller, Get, Header, Inject, Param, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentViewer, isMember, type Viewer } from '../auth/viewer.js';
import { IdParamPipe } from '../common/http/id-param.pipe.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { MeetingsService } from '../meetings/meetings.service.js';
import { CalendarFeedService } from './calendar-feed.service.js';
import { CalendarTokenService } from './calendar-token.service.js';
import { sendCalendar } from './http-cache.js';
import { subscriptionLinks } from '../meetings/subscription-links.js';

/** iCalendar feeds (inline, for subscribing) and single-meeting files (attachment), plus the help page. */
@Controller()
export class CalendarController {
  constructor(
    private readonly feeds: CalendarFeedService,
    private readonly meetings: MeetingsService,
    private readonly tokens: CalendarTokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('kalender')
  @Render('calendar/index')
  // A member's page shows the secret feed address: never keep it in shared caches.
  @Header('Cache-Control', 'private, no-store')
  async index(@CurrentViewer() viewer: Viewer) {
    const bodies = await this.meetings.bodies(viewer);
    const token = isMember(viewer) ? await this.tokens.current(viewer) : null;
    return {
      pageTitle: 'Sitzungskalender abonnieren',
      personalFeed: token ? subscriptionLinks(this.config.baseUrl, `/kalender/${token}.ics`) : null,
      publicFeed: subscriptionLinks(this.config.baseUrl, '/kalender/oeffentlich.ics'),
      bodyFeeds: bodies.map((b) => ({ name: b.name, isInternal: !b.isPublic, ...subscriptionLinks(this.config.baseUrl, `/gremien/${b.id}/sitzungen.ics`) })),
      isMember: isMember(viewer),
    };
  }

  @Get('kalender/oeffentlich.ics')
  async publicFeed(@Req() req: Request, @Res() res: Response): Promise<void> {
    sendCalendar(req, res, await this.feeds.publicFeed(), { disposition: 'inline', filename: 'sitzungen.ics', private: false });
  }

  /** Personal feed: all meetings (internal ones too) of the bodies the account's person belongs to. */
  @Get('kalender/:token.ics')
  async personalFeed(@Param('token') token: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { personId } = await this.tokens.personFor(token);
    const calendar = await this.feeds.personalFeed(personId);
    sendCalendar(req, res, calendar, { disposition: 'inline', filename: 'meine-sitzungen.ics', private: true });
  }

  /** Creates the personal feed address, or replaces it (the old one then answers 404). */
  @Post('kalender/persoenlich')
  async regenerate(@CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    await this.tokens.regenerate(viewer);
    res.redirect(303, '/kalender#persoenlich');
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
