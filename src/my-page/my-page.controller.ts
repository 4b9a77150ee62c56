import { Body, Controller, Get, Inject, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequireMember } from '../auth/access.js';
import { noStore } from '../auth/session-helpers.js';
import { CurrentViewer, type Viewer } from '../auth/viewer.js';
import { FormRejected } from '../common/forms/form.js';
import { IdParamPipe } from '../common/http/id-param.pipe.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { PrivacyService } from '../privacy/privacy.service.js';
import { MyPageService } from './my-page.service.js';
import { type MyPageErrors, myPageSections } from './my-page.view-model.js';

/** Meine Seite: where a member lands after login. */
@Controller('meine-seite')
@RequireMember()
export class MyPageController {
  constructor(
    private readonly myPage: MyPageService,
    private readonly privacy: PrivacyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async page(@CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    await this.render(viewer, res, new Map(), 200);
  }

  /** Answer an invitation right on Meine Seite (Zusagen / Vielleicht / Absagen). */
  @Post('sitzungen/:id/antwort')
  async answer(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const response = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).response : undefined;
    try {
      await this.myPage.answer(viewer, id, response);
    } catch (e) {
      if (e instanceof FormRejected) return this.render(viewer, res, new Map([[id, Object.values(e.errors).join(' ')]]), 422);
      throw e;
    }
    res.redirect(303, `/meine-seite#sitzung-${id}`);
  }

  /** The member's own data as JSON (GDPR Art. 15 and 20), the same export the administration makes. */
  @Get('meine-daten.json')
  async exportOwnData(@CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const data = await this.privacy.exportOwnData(viewer);
    noStore(res);
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="meine-daten.json"');
    res.send(JSON.stringify(data, null, 2));
  }

  private async render(viewer: Viewer, res: Response, errors: MyPageErrors, status: number): Promise<void> {
    const data = await this.myPage.overview(viewer);
    noStore(res);
    res.status(status).render('my-page/index', { pageTitle: status === 422 ? 'Fehler: Meine Seite' : 'Meine Seite', ...myPageSections(data, this.config.baseUrl, errors) });
  }
}
