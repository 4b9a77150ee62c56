import { Body as RequestBody, Controller, Get, Inject, Param, Post, Render, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequireAdmin } from '../auth/access.js';
import { CurrentViewer, type Viewer } from '../auth/viewer.js';
import { type ConfirmPage, renderConfirmPage, submitConfirmed } from '../common/forms/confirm-form.js';
import { FormRejected, formView, readForm, renderInvalid, validateForm } from '../common/forms/form.js';
import { IdParamPipe } from '../common/http/id-param.pipe.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { vCardBundle, vCardDisposition } from '../people/person-vcard.js';
import { BODY_FORM, REMOVE_BODY_FORM } from './bodies.forms.js';
import { bodyFormValues, NEW_BODY_VALUES } from './bodies-form.view-model.js';
import { bodySummary } from './bodies.view-model.js';
import { BodiesEditorService } from './bodies-editor.service.js';
import { BodiesService } from './bodies.service.js';
import type { Body } from './body.entity.js';
import { BodyDto, bodyInput } from './dto/body.dto.js';
import { MemberCache } from '../page-cache/member-page-cache.js';

/** The bodies' list, forms and member vCards; the body's page (with meetings and decisions) is in directory-pages. */
@Controller('gremien')
export class BodiesController {
  constructor(
    private readonly bodies: BodiesService,
    private readonly editor: BodiesEditorService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Render('bodies/index')
  async index(@CurrentViewer() viewer: Viewer) {
    const bodies = await this.bodies.list(viewer);
    return {
      pageTitle: 'Gremien',
      newHref: this.editor.canEdit(viewer) ? '/gremien/neu' : null,
      bodies: bodies.map(bodySummary),
    };
  }

  @Get('neu')
  @RequireAdmin()
  newPage(@Res() res: Response): void {
    res.render('bodies/form', { ...this.newModel(), form: formView(BODY_FORM, NEW_BODY_VALUES) });
  }

  @Post('neu')
  @RequireAdmin()
  async create(@CurrentViewer() viewer: Viewer, @RequestBody() body: unknown, @Res() res: Response): Promise<void> {
    const values = readForm(BODY_FORM, body);
    const result = await validateForm(BODY_FORM, BodyDto, values);
    if (!result.ok) return renderInvalid(res, 'bodies/form', BODY_FORM, values, result.errors, this.newModel());
    try {
      const saved = await this.editor.create(viewer, bodyInput(result.value));
      res.redirect(303, `/gremien/${saved.id}`);
    } catch (e) {
      if (e instanceof FormRejected) return renderInvalid(res, 'bodies/form', BODY_FORM, values, e.errors, this.newModel());
      throw e;
    }
  }

  @Get(':id/bearbeiten')
  @RequireAdmin()
  async editPage(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const body = await this.editor.forEditing(viewer, id);
    res.render('bodies/form', { ...this.editModel(body), form: formView(BODY_FORM, bodyFormValues(body)) });
  }

  @Post(':id/bearbeiten')
  @RequireAdmin()
  async update(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @RequestBody() raw: unknown, @Res() res: Response): Promise<void> {
    const body = await this.editor.forEditing(viewer, id);
    const values = readForm(BODY_FORM, raw);
    const result = await validateForm(BODY_FORM, BodyDto, values);
    if (!result.ok) return renderInvalid(res, 'bodies/form', BODY_FORM, values, result.errors, this.editModel(body));
    try {
      await this.editor.update(viewer, id, bodyInput(result.value));
      res.redirect(303, `/gremien/${id}`);
    } catch (e) {
      if (e instanceof FormRejected) return renderInvalid(res, 'bodies/form', BODY_FORM, values, e.errors, this.editModel(body));
      throw e;
    }
  }

  @Get(':id/entfernen')
  @RequireAdmin()
  async removePage(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    renderConfirmPage(res, this.removeConfirmation(await this.editor.forEditing(viewer, id)));
  }

  @Post(':id/entfernen')
  @RequireAdmin()
  async remove(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @RequestBody() raw: unknown, @Res() res: Response): Promise<void> {
    const page = this.removeConfirmation(await this.editor.forEditing(viewer, id));
    await submitConfirmed(res, page, raw, () => this.editor.remove(viewer, id), '/gremien');
  }

  /** All current members in one .vcf, each with only the contact details the viewer may see. */
  @Get(':id/vcard')
  // Contacts as every member sees them (contact-visibility asks only isMember): one level for all members.
  @MemberCache(BodiesService, () => 'member')
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

  private newModel() {
    return { pageTitle: 'Gremium anlegen', heading: 'Gremium anlegen', action: '/gremien/neu', cancelHref: '/gremien', submitLabel: 'Gremium anlegen' };
  }

  private editModel(b: Body) {
    return { pageTitle: `${b.name} bearbeiten`, heading: `${b.name} bearbeiten`, action: `/gremien/${b.id}/bearbeiten`, cancelHref: `/gremien/${b.id}`, submitLabel: 'Änderungen speichern' };
  }

  private removeConfirmation(b: Body): ConfirmPage {
    const model = { pageTitle: `${b.name} entfernen`, name: b.name, action: `/gremien/${b.id}/entfernen`, cancelHref: `/gremien/${b.id}` };
    return { spec: REMOVE_BODY_FORM, view: 'bodies/remove', model };
  }
}
