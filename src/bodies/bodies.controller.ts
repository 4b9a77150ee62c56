import { Controller, Get, Inject, Param, Render, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentViewer, type Viewer } from '../auth/viewer.js';
import { IdParamPipe } from '../common/http/id-param.pipe.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { vCardBundle, vCardDisposition } from '../people/person-vcard.js';
import { foundedDate, formerMemberRow, roleGroups, bodySummary } from './bodies.view-model.js';
import { BodiesService } from './bodies.service.js';

@Controller('gremien')
export class BodiesController {
  constructor(
    private readonly bodies: BodiesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Render('bodies/index')
  async index(@CurrentViewer() viewer: Viewer) {
    const bodies = await this.bodies.list(viewer);
    return {
      pageTitle: 'Gremien',
      bodies: bodies.map(bodySummary),
    };
  }

  @Get(':id')
  @Render('bodies/show')
  async show(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer) {
    const { body, current, former } = await this.bodies.detail(id, viewer);
    const groups = roleGroups(current);
    return {
      pageTitle: body.name,
      body: {
        ...bodySummary({ body, currentMemberCount: new Set(current.map((m) => m.personId)).size }),
        foundedDate: foundedDate(body),
        description: body.description,
      },
      vcardHref: current.length > 0 ? `/gremien/${body.id}/vcard` : null,
      roleGroups: groups,
      formerMembers: former.map(formerMemberRow),
    };
  }

  /** All current members in one .vcf, each with only the contact details the viewer may see. */
  @Get(':id/vcard')
  async vcard(
    @Param('id', IdParamPipe) id: number,
    @CurrentViewer() viewer: Viewer,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const { body, contacts } = await this.bodies.memberContacts(id, viewer);
    res.setHeader('Content-Type', 'text/vcard; charset=utf-8');
    res.setHeader('Content-Disposition', vCardDisposition(body.name));
    // The contents depend on who asks: never cache them for others.
    res.setHeader('Cache-Control', 'private, no-store');
    return vCardBundle(contacts, { baseUrl: this.config.baseUrl });
  }
}
