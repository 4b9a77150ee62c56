import { Controller, Get, Render } from '@nestjs/common';
import { CurrentViewer, type Viewer } from '../auth/viewer.js';
import { bodySummary } from '../bodies/bodies.view-model.js';
import { HomeService } from './home.service.js';

@Controller()
export class HomeController {
  constructor(private readonly home: HomeService) {}

  @Get()
  @Render('home/index')
  async index(@CurrentViewer() viewer: Viewer) {
    const overview = await this.home.overview(viewer);
    return {
      pageTitle: 'Startseite',
      counts: overview.counts,
      bodies: overview.bodies.map(bodySummary),
    };
  }
}
