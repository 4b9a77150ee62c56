import { Body, Controller, Get, Inject, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequireAdmin } from '../auth/access.js';
import { CurrentViewer, type Viewer } from '../auth/viewer.js';
import { type ConfirmPage, renderConfirmPage, submitConfirmed } from '../common/forms/confirm-form.js';
import { FormRejected, formView, readForm, renderInvalid, validateForm } from '../common/forms/form.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { readTopicIds, type SubmittedTopics, topicChoicesView, type TopicChoicesView } from '../organisations/topic-choices.js';
import { TopicsService } from '../organisations/topics.service.js';
import { IdParamPipe } from '../common/http/id-param.pipe.js';
import { todayInBerlin } from '../common/dates.js';
import { formatGermanDate } from '../common/forms/field-formats.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { NewPersonDto, newPersonConsent, PersonDto, personInput } from './dto/person.dto.js';
import { NEW_PERSON_FORM, PERSON_FORM, REMOVE_PERSON_FORM } from './people.forms.js';
import { consentText, NEW_PERSON_VALUES, organisationOptions, personFormValues } from './people-form.view-model.js';
import { DuplicatePersonRejected, PeopleEditorService } from './people-editor.service.js';
import { PeopleService } from './people.service.js';
import type { Person } from './person.entity.js';
import { personDisplayName } from './person-name.js';
import { personVCard, vCardDisposition } from './person-vcard.js';

/** A person's forms and vCard; the directory and the person's page (with memberships) are in directory-pages. */
@Controller('personen')
export class PeopleController {
  constructor(
    private readonly people: PeopleService,
    private readonly editor: PeopleEditorService,
    private readonly organisations: OrganisationsService,
    private readonly topics: TopicsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('neu')
  @RequireAdmin()
  async newPage(@CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const options = organisationOptions(await this.organisations.options());
    res.render('people/form', { ...this.newModel(), topics: await this.topicChoices([]), form: formView(NEW_PERSON_FORM, { ...NEW_PERSON_VALUES, consentDate: formatGermanDate(todayInBerlin()) }, {}, options) });
  }

  @Post('neu')
  @RequireAdmin()
  async create(@CurrentViewer() viewer: Viewer, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const options = organisationOptions(await this.organisations.options());
    const values = readForm(NEW_PERSON_FORM, body);
    const submitted = readTopicIds(body);
    const model = { ...this.newModel(), topics: await this.topicChoices(submitted.raw, submitted.error) };
    const result = await validateForm(NEW_PERSON_FORM, NewPersonDto, values);
    if (!result.ok || submitted.error) return renderInvalid(res, 'people/form', NEW_PERSON_FORM, values, result.ok ? {} : result.errors, model, options);
    try {
      const saved = await this.editor.create(viewer, { ...personInput(result.value), topicIds: submitted.ids }, newPersonConsent(result.value), { allowDuplicate: result.value.createAnyway === 'on' });
      res.redirect(303, `/personen/${saved.id}`);
    } catch (e) {
      if (e instanceof DuplicatePersonRejected) {
        const duplicates = e.duplicates.map((p) => ({ name: personDisplayName(p), href: `/personen/${p.id}`, editHref: `/personen/${p.id}/bearbeiten`, organisation: p.organisation?.name ?? null, emails: (p.emails ?? []).map((m) => m.email).join(', ') }));
        return renderInvalid(res, 'people/form', NEW_PERSON_FORM, values, e.errors, { ...model, duplicates }, options);
      }
      if (e instanceof FormRejected) return renderInvalid(res, 'people/form', NEW_PERSON_FORM, values, e.errors, await this.withTopicError(model, submitted, e), options);
      throw e;
    }
  }

  @Get(':id/bearbeiten')
  @RequireAdmin()
  async editPage(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const person = await this.editor.forEditing(viewer, id);
    const options = organisationOptions(await this.organisations.options());
    const topics = await this.topicChoices((person.topics ?? []).map((t) => t.topicId));
    res.render('people/form', { ...this.editModel(person), topics, form: formView(PERSON_FORM, personFormValues(person), {}, options) });
  }

  @Post(':id/bearbeiten')
  @RequireAdmin()
  async update(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const person = await this.editor.forEditing(viewer, id);
    const options = organisationOptions(await this.organisations.options());
    const values = readForm(PERSON_FORM, body);
    const submitted = readTopicIds(body);
    const model = { ...this.editModel(person), topics: await this.topicChoices(submitted.raw, submitted.error) };
    const result = await validateForm(PERSON_FORM, PersonDto, values);
    if (!result.ok || submitted.error) return renderInvalid(res, 'people/form', PERSON_FORM, values, result.ok ? {} : result.errors, model, options);
    try {
      await this.editor.update(viewer, id, { ...personInput(result.value), topicIds: submitted.ids });
      res.redirect(303, `/personen/${id}`);
    } catch (e) {
      if (e instanceof FormRejected) return renderInvalid(res, 'people/form', PERSON_FORM, values, e.errors, await this.withTopicError(model, submitted, e), options);
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
  async remove(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const page = this.removeConfirmation(await this.editor.forEditing(viewer, id));
    await submitConfirmed(res, page, body, () => this.editor.remove(viewer, id), '/personen');
  }

  @Get(':id/vcard')
  async vcard(
    @Param('id', IdParamPipe) id: number,
    @CurrentViewer() viewer: Viewer,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const contact = await this.people.contact(id, viewer);
    res.setHeader('Content-Type', 'text/vcard; charset=utf-8');
    res.setHeader('Content-Disposition', vCardDisposition(personDisplayName(contact)));
    // What a vCard holds depends on who asks: never cache it in shared caches.
    res.setHeader('Cache-Control', 'private, no-cache');
    return personVCard(contact, { baseUrl: this.config.baseUrl });
  }

  /** The checkbox group "Themen und Angebote" with these ids ticked. */
  private async topicChoices(ticked: readonly (string | number)[], error: string | null = null): Promise<TopicChoicesView> {
    return topicChoicesView(await this.topics.all(), ticked, 'person-topics', error);
  }

  /** The model again with the service's message about the topics (an id that is no topic any more), if any. */
  private async withTopicError<M extends { topics: TopicChoicesView }>(model: M, submitted: SubmittedTopics, e: FormRejected): Promise<M> {
    const error = (e.errors as Record<string, string | undefined>).topicIds;
    return error ? { ...model, topics: await this.topicChoices(submitted.raw, error) } : model;
  }

  private newModel() {
    return { pageTitle: 'Person anlegen', heading: 'Person anlegen', action: '/personen/neu', cancelHref: '/personen', submitLabel: 'Person anlegen', consent: null, duplicates: null };
  }

  private editModel(p: Person) {
    const name = personDisplayName(p);
    return {
      pageTitle: `${name} bearbeiten`,
      heading: `${name} bearbeiten`,
      action: `/personen/${p.id}/bearbeiten`,
      cancelHref: `/personen/${p.id}`,
      submitLabel: 'Änderungen speichern',
      consent: { text: consentText(p), href: `/personen/${p.id}/einwilligung` },
    };
  }

  private removeConfirmation(p: Person): ConfirmPage {
    const name = personDisplayName(p);
    const model = { pageTitle: `${name} entfernen`, name, action: `/personen/${p.id}/entfernen`, cancelHref: `/personen/${p.id}`, privacyHref: `/personen/${p.id}/datenschutz` };
    return { spec: REMOVE_PERSON_FORM, view: 'people/remove', model };
  }
}
