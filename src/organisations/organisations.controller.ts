import { Body, Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequireAdmin } from '../auth/access.js';
import { CurrentViewer, type Viewer } from '../auth/viewer.js';
import { type ConfirmPage, renderConfirmPage, submitConfirmed } from '../common/forms/confirm-form.js';
import { FormRejected, formView, readForm, renderInvalid, type SelectOption, validateForm } from '../common/forms/form.js';
import { ORGANISATION_KIND_LABELS } from './organisation-labels.js';
import { IdParamPipe } from '../common/http/id-param.pipe.js';
import { pageRequest, pageView, queryString, queryText } from '../common/http/pagination.js';
import { OrganisationDto, organisationInput } from './dto/organisation.dto.js';
import { ORGANISATION_KINDS, type Organisation, type OrganisationKind } from './organisation.entity.js';
import { ORGANISATION_FORM, REMOVE_ORGANISATION_FORM } from './organisations.forms.js';
import { organisationFormValues, organisationSummary } from './organisations.view-model.js';
import { OrganisationsService } from './organisations.service.js';
import { readTopicIds, type SubmittedTopics, topicChoicesView, type TopicChoicesView } from './topic-choices.js';
import { TopicsService } from './topics.service.js';

const PAGE_SIZE = 30;

function parseKind(raw: unknown): OrganisationKind | undefined {
  const text = queryText(raw, 40);
  return (ORGANISATION_KINDS as readonly string[]).includes(text) ? (text as OrganisationKind) : undefined;
}

function options(orgs: Pick<Organisation, 'id' | 'name'>[]): { parentId: SelectOption[] } {
  return { parentId: orgs.map((o) => ({ value: String(o.id), label: o.name })) };
}

/** Organisations' list and forms; the organisation's page (with its people and bodies) is in directory-pages. */
@Controller('organisationen')
export class OrganisationsController {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly topics: TopicsService,
  ) {}

  @Get()
  @Render('organisations/index')
  async index(@Query('kind') rawKind: unknown, @Query('topic') rawTopic: unknown, @Query('page') rawPage: unknown, @CurrentViewer() viewer: Viewer) {
    const kind = parseKind(rawKind);
    const allTopics = await this.topics.all();
    const requestedTopic = queryText(rawTopic, 20);
    const topic = allTopics.find((t) => String(t.id) === requestedTopic);
    const req = pageRequest(rawPage, PAGE_SIZE);
    const [items, total] = await this.organisations.list(kind, req.offset, req.pageSize, topic?.id);
    return {
      pageTitle: 'Organisationen',
      newHref: this.organisations.permissions(viewer).canEdit ? '/organisationen/neu' : null,
      organisations: items.map(organisationSummary),
      kinds: ORGANISATION_KINDS.map((k) => ({ value: k, label: ORGANISATION_KIND_LABELS[k], selected: k === kind })),
      kindLabel: kind ? ORGANISATION_KIND_LABELS[kind] : null,
      topics: allTopics.map((t) => ({ value: t.id, label: t.name, selected: t.id === topic?.id })),
      topicName: topic?.name ?? null,
      pager: pageView(req, total, (n) => `/organisationen${queryString({ kind, topic: topic?.id, page: n })}`),
    };
  }

  @Get('neu')
  @RequireAdmin()
  async newPage(@CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const parents = await this.organisations.parentOptions(viewer);
    res.render('organisations/form', { ...this.newModel(), topics: await this.topicChoices([]), form: formView(ORGANISATION_FORM, {}, {}, options(parents)) });
  }

  @Post('neu')
  @RequireAdmin()
  async create(@CurrentViewer() viewer: Viewer, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const opts = options(await this.organisations.parentOptions(viewer));
    const values = readForm(ORGANISATION_FORM, body);
    const submitted = readTopicIds(body);
    const model = { ...this.newModel(), topics: await this.topicChoices(submitted.raw, submitted.error) };
    const result = await validateForm(ORGANISATION_FORM, OrganisationDto, values);
    if (!result.ok || submitted.error) return renderInvalid(res, 'organisations/form', ORGANISATION_FORM, values, result.ok ? {} : result.errors, model, opts);
    try {
      const saved = await this.organisations.create(viewer, { ...organisationInput(result.value), topicIds: submitted.ids });
      res.redirect(303, `/organisationen/${saved.id}`);
    } catch (e) {
      if (e instanceof FormRejected) return renderInvalid(res, 'organisations/form', ORGANISATION_FORM, values, e.errors, await this.withTopicError(model, submitted, e), opts);
      throw e;
    }
  }

  @Get(':id/bearbeiten')
  @RequireAdmin()
  async editPage(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const organisation = await this.organisations.forEditing(viewer, id);
    const opts = options(await this.organisations.parentOptions(viewer, id));
    const topics = await this.topicChoices((organisation.topics ?? []).map((t) => t.topicId));
    res.render('organisations/form', { ...this.editModel(organisation), topics, form: formView(ORGANISATION_FORM, organisationFormValues(organisation), {}, opts) });
  }

  @Post(':id/bearbeiten')
  @RequireAdmin()
  async update(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const organisation = await this.organisations.forEditing(viewer, id);
    const opts = options(await this.organisations.parentOptions(viewer, id));
    const values = readForm(ORGANISATION_FORM, body);
    const submitted = readTopicIds(body);
    const model = { ...this.editModel(organisation), topics: await this.topicChoices(submitted.raw, submitted.error) };
    const result = await validateForm(ORGANISATION_FORM, OrganisationDto, values);
    if (!result.ok || submitted.error) return renderInvalid(res, 'organisations/form', ORGANISATION_FORM, values, result.ok ? {} : result.errors, model, opts);
    try {
      await this.organisations.update(viewer, id, { ...organisationInput(result.value), topicIds: submitted.ids });
      res.redirect(303, `/organisationen/${id}`);
    } catch (e) {
      if (e instanceof FormRejected) return renderInvalid(res, 'organisations/form', ORGANISATION_FORM, values, e.errors, await this.withTopicError(model, submitted, e), opts);
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

  /** The checkbox group "Themen und Angebote" with these ids ticked. */
  private async topicChoices(ticked: readonly (string | number)[], error: string | null = null): Promise<TopicChoicesView> {
    return topicChoicesView(await this.topics.all(), ticked, 'organisation-topics', error);
  }

  /** The model again with the service's message about the topics (an id that is no topic any more), if any. */
  private async withTopicError<M extends { topics: TopicChoicesView }>(model: M, submitted: SubmittedTopics, e: FormRejected): Promise<M> {
    const error = (e.errors as Record<string, string | undefined>).topicIds;
    return error ? { ...model, topics: await this.topicChoices(submitted.raw, error) } : model;
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
