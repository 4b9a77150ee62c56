import { Controller, Get, Render } from '@nestjs/common';
import { CurrentViewer, type Viewer } from '../auth/viewer.js';
import { bodySummary } from '../bodies/bodies.view-model.js';
import { MeetingsService } from '../meetings/meetings.service.js';
import { upcomingMeetingsView } from '../meetings/meetings.view-model.js';
import { HomeService } from './home.service.js';

@Controller()
export class HomeController {
  constructor(
    private readonly home: HomeService,
    private readonly meetings: MeetingsService,
  ) {}

  @Get()
  @Render('home/index')
  async index(@CurrentViewer() viewer: Viewer) {
    const [overview, upcoming] = await Promise.all([this.home.overview(viewer), this.meetings.upcoming(viewer, { limit: 5 })]);
    return {
      pageTitle: 'Startseite',
      counts: overview.counts,
      bodies: overview.bodies.map(bodySummary),
      upcomingMeetings: upcomingMeetingsView(upcoming),
    };
  }
}
