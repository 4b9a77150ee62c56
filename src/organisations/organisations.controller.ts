import { Body, Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequireAdmin } from '../auth/access.js';
import { CurrentViewer, type Viewer } from '../auth/viewer.js';
import { type ConfirmPage, renderConfirmPage, submitConfirmed } from '../common/forms/confirm-form.js';
import { telHref } from '../common/forms/field-formats.js';
import { FormRejected, formView, readForm, renderInvalid, type SelectOption, validateForm } from '../common/forms/form.js';
import { MEMBERSHIP_ROLE_LABELS, ORGANISATION_KIND_LABELS } from '../common/labels.js';
import { IdParamPipe } from '../common/http/id-param.pipe.js';
import { pageRequest, pageView, queryString, queryText } from '../common/http/pagination.js';
import { personDisplayName } from '../people/person-name.js';
import { OrganisationDto, organisationInput } from './dto/organisation.dto.js';
import { ORGANISATION_KINDS, type Organisation, type OrganisationKind } from './organisation.entity.js';
import { ORGANISATION_FORM, REMOVE_ORGANISATION_FORM } from './organisations.forms.js';
import { addressLines, organisationFormValues, organisationSummary } from './organisations.view-model.js';
import { OrganisationsService } from './organisations.service.js';

const PAGE_SIZE = 30;

function parseKind(raw: unknown): OrganisationKind | undefined {
  const text = queryText(raw, 40);
  return (ORGANISATION_KINDS as readonly string[]).includes(text) ? (text as OrganisationKind) : undefined;
}

function options(orgs: Pick<Organisation, 'id' | 'name'>[]): { parentId: SelectOption[] } {
  return { parentId: orgs.map((o) => ({ value: String(o.id), label: o.name })) };
}

@Controller('organisationen')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @Render('organisations/index')
  async index(@Query('kind') rawKind: unknown, @Query('page') rawPage: unknown, @CurrentViewer() viewer: Viewer) {
    const kind = parseKind(rawKind);
    const req = pageRequest(rawPage, PAGE_SIZE);
    const [items, total] = await this.organisations.list(kind, req.offset, req.pageSize);
    return {
      pageTitle: 'Organisationen',
      newHref: this.organisations.permissions(viewer).canEdit ? '/organisationen/neu' : null,
      organisations: items.map(organisationSummary),
      kinds: ORGANISATION_KINDS.map((k) => ({ value: k, label: ORGANISATION_KIND_LABELS[k], selected: k === kind })),
      kindLabel: kind ? ORGANISATION_KIND_LABELS[kind] : null,
      pager: pageView(req, total, (n) => `/organisationen${queryString({ kind, page: n })}`),
    };
  }

  @Get('neu')
  @RequireAdmin()
  async newPage(@CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const parents = await this.organisations.parentOptions(viewer);
    res.render('organisations/form', { ...this.newModel(), form: formView(ORGANISATION_FORM, {}, {}, options(parents)) });
  }

  @Post('neu')
  @RequireAdmin()
  async create(@CurrentViewer() viewer: Viewer, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const opts = options(await this.organisations.parentOptions(viewer));
    const values = readForm(ORGANISATION_FORM, body);
    const result = await validateForm(ORGANISATION_FORM, OrganisationDto, values);
    if (!result.ok) return renderInvalid(res, 'organisations/form', ORGANISATION_FORM, values, result.errors, this.newModel(), opts);
    try {
      const saved = await this.organisations.create(viewer, organisationInput(result.value));
      res.redirect(303, `/organisationen/${saved.id}`);
    } catch (e) {
      if (e instanceof FormRejected) return renderInvalid(res, 'organisations/form', ORGANISATION_FORM, values, e.errors, this.newModel(), opts);
      throw e;
    }
  }

  @Get(':id')
  @Render('organisations/show')
  async show(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer) {
    const { organisation: o, children, people, representations } = await this.organisations.detail(id, viewer);
    const canEdit = this.organisations.permissions(viewer).canEdit;
    return {
      pageTitle: o.name,
      editHref: canEdit ? `/organisationen/${o.id}/bearbeiten` : null,
      removeHref: canEdit ? `/organisationen/${o.id}/entfernen` : null,
      organisation: {
        ...organisationSummary(o),
        parentHref: o.parentId ? `/organisationen/${o.parentId}` : null,
        addressLines: addressLines(o),
        phone: o.phone,
        phoneHref: o.phone ? telHref(o.phone) : null,
        fax: o.fax,
        email: o.email,
        website: o.website,
        description: o.description,
      },
      children: children.map(organisationSummary),
      people: people.map((p) => ({
        href: `/personen/${p.id}`,
        name: personDisplayName(p),
        functionTitle: p.functionTitle,
      })),
      representations: representations.map((m) => ({
        bodyName: m.body.name,
        bodyHref: `/gremien/${m.bodyId}`,
        personName: personDisplayName(m.person),
        personHref: `/personen/${m.personId}`,
        roleLabel: MEMBERSHIP_ROLE_LABELS[m.role],
      })),
    };
  }

  @Get(':id/bearbeiten')
  @RequireAdmin()
  async editPage(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const organisation = await this.organisations.forEditing(viewer, id);
    const opts = options(await this.organisations.parentOptions(viewer, id));
    res.render('organisations/form', { ...this.editModel(organisation), form: formView(ORGANISATION_FORM, organisationFormValues(organisation), {}, opts) });
  }

  @Post(':id/bearbeiten')
  @RequireAdmin()
  async update(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const organisation = await this.organisations.forEditing(viewer, id);
    const opts = options(await this.organisations.parentOptions(viewer, id));
    const model = this.editModel(organisation);
    const values = readForm(ORGANISATION_FORM, body);
    const result = await validateForm(ORGANISATION_FORM, OrganisationDto, values);
    if (!result.ok) return renderInvalid(res, 'organisations/form', ORGANISATION_FORM, values, result.errors, model, opts);
    try {
      await this.organisations.update(viewer, id, organisationInput(result.value));
      res.redirect(303, `/organisationen/${id}`);
    } catch (e) {
      if (e instanceof FormRejected) return renderInvalid(res, 'organisations/form', ORGANISATION_FORM, values, e.errors, model, opts);
      throw e;
    }
  }

  @Get(':id/entfernen')
  @RequireAdmin()
  async removePage(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    renderConfirmPage(res, this.removeConfirmation(await this.organisations.forEditing(viewer, id)));
  }

  @Post(':id/entfernen')
  @RequireAdmin()
  async remove(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const page = this.removeConfirmation(await this.organisations.forEditing(viewer, id));
    await submitConfirmed(res, page, body, () => this.organisations.remove(viewer, id), '/organisationen');
  }

  private newModel() {
    return { pageTitle: 'Organisation anlegen', heading: 'Organisation anlegen', action: '/organisationen/neu', cancelHref: '/organisationen', submitLabel: 'Organisation anlegen' };
  }

  private editModel(o: Organisation) {
    return {
      pageTitle: `${o.name} bearbeiten`,
      heading: `${o.name} bearbeiten`,
      action: `/organisationen/${o.id}/bearbeiten`,
      cancelHref: `/organisationen/${o.id}`,
      submitLabel: 'Änderungen speichern',
    };
  }

  private removeConfirmation(o: Organisation): ConfirmPage {
    const model = { pageTitle: `${o.name} entfernen`, name: o.name, action: `/organisationen/${o.id}/entfernen`, cancelHref: `/organisationen/${o.id}` };
    return { spec: REMOVE_ORGANISATION_FORM, view: 'organisations/remove', model };
  }
}
