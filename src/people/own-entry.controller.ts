import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequireMember } from '../auth/access.js';
import { noStore } from '../auth/session-helpers.js';
import { CurrentViewer, type Viewer } from '../auth/viewer.js';
import { FormRejected, type FormErrors, formView, readForm, renderInvalid, validateForm } from '../common/forms/form.js';
import { IdParamPipe } from '../common/http/id-param.pipe.js';
import { ChangeRequestDto } from './dto/change-request.dto.js';
import { PersonDto, personInput } from './dto/person.dto.js';
import { CHANGE_REQUEST_FORM, OWN_ENTRY_FORM, type OwnEntryFieldName, SELF_EDITABLE_FIELDS } from './own-entry.forms.js';
import { OwnEntryService } from './own-entry.service.js';
import { readTopicIds, topicChoicesView, type TopicChoicesView } from '../organisations/topic-choices.js';
import { TopicsService } from '../organisations/topics.service.js';
import { PERSON_FORM } from './people.forms.js';
import { consentText, personFormValues } from './people-form.view-model.js';
import { personDisplayName } from './person-name.js';
import type { Person } from './person.entity.js';

const VIEW = 'people/own-entry';

const NOTICES: Record<string, string> = {
  gespeichert: 'Ihre Änderungen sind gespeichert. Verzeichnis und Kontaktkarte zeigen sie ab sofort.',
  angefragt: 'Ihre Anfrage ist an die Geschäftsstelle unterwegs. Sie bekommen die Antwort per E-Mail.',
};

/** The member's own entry: values of the form (the record's, consent as a checkbox). */
function ownEntryValues(p: Person): Partial<Record<OwnEntryFieldName, string>> {
  const all = personFormValues(p);
  const values: Partial<Record<OwnEntryFieldName, string>> = { consent: p.consentAt ? 'on' : '' };
  for (const name of SELF_EDITABLE_FIELDS) values[name] = all[name] ?? '';
  return values;
}

/** "Mein Eintrag": a member edits their own entry in the directory (src/people, rules in OwnEntryService). */
@Controller('personen')
@RequireMember()
export class OwnEntryController {
  constructor(
    private readonly ownEntry: OwnEntryService,
    private readonly topics: TopicsService,
  ) {}

  @Get(':id/selbst-bearbeiten')
  async page(@Param('id', IdParamPipe) id: number, @Query('hinweis') rawNotice: unknown, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const person = await this.ownEntry.forSelf(viewer, id);
    noStore(res);
    res.render(VIEW, {
      ...this.model(person),
      notice: typeof rawNotice === 'string' ? (NOTICES[rawNotice] ?? null) : null,
      topics: await this.topicChoices(person),
      form: formView(OWN_ENTRY_FORM, ownEntryValues(person)),
      requestForm: formView(CHANGE_REQUEST_FORM),
    });
  }

  @Post(':id/selbst-bearbeiten')
  async save(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const person = await this.ownEntry.forSelf(viewer, id);
    noStore(res);
    const values = readForm(OWN_ENTRY_FORM, body);
    const submitted = readTopicIds(body);
    const model = { ...this.model(person), notice: null, requestForm: formView(CHANGE_REQUEST_FORM), topics: await this.topicChoices(person, submitted.raw, submitted.error) };
    const invalid = (errors: FormErrors<OwnEntryFieldName>, topicError: string | null = null): void =>
      renderInvalid(res, VIEW, OWN_ENTRY_FORM, values, errors, topicError ? { ...model, topics: { ...model.topics, error: topicError } } : model);
    // the person rules check the whole entry: the administration's fields as they are, the member's as typed
    const { consent, ...own } = values;
    const result = await validateForm(PERSON_FORM, PersonDto, readForm(PERSON_FORM, { ...personFormValues(person), ...own }));
    if (!result.ok || submitted.error) return invalid(result.ok ? {} : pickOwn(result.errors));
    try {
      await this.ownEntry.update(viewer, id, { ...personInput(result.value), topicIds: submitted.ids }, consent === 'on');
    } catch (e) {
      if (e instanceof FormRejected) return invalid(e.errors, (e.errors as Record<string, string | undefined>).topicIds ?? null);
      throw e;
    }
    res.redirect(303, `/personen/${id}/selbst-bearbeiten?hinweis=gespeichert`);
  }

  @Post(':id/aenderung-anfragen')
  async requestChange(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const person = await this.ownEntry.forSelf(viewer, id);
    noStore(res);
    const values = readForm(CHANGE_REQUEST_FORM, body);
    const result = await validateForm(CHANGE_REQUEST_FORM, ChangeRequestDto, values);
    if (!result.ok) {
      const requestForm = formView(CHANGE_REQUEST_FORM, values, result.errors);
      res.status(422).render(VIEW, { ...this.model(person), pageTitle: `Fehler: ${this.model(person).pageTitle}`, notice: null, form: formView(OWN_ENTRY_FORM, ownEntryValues(person)), requestForm, topics: await this.topicChoices(person) });
      return;
    }
    await this.ownEntry.requestChange(viewer, id, result.value.message);
    res.redirect(303, `/personen/${id}/selbst-bearbeiten?hinweis=angefragt#aenderung-anfragen`);
  }

  /** The checkbox group "Themen und Angebote": the person's topics ticked, or what was sent. */
  private async topicChoices(p: Person, sent?: string[], error: string | null = null): Promise<TopicChoicesView> {
    return topicChoicesView(await this.topics.all(), sent ?? (p.topics ?? []).map((t) => t.topicId), 'eintrag-topics', error);
  }

  private model(p: Person) {
    const name = personDisplayName(p);
    return {
      pageTitle: 'Mein Eintrag',
      name,
      personHref: `/personen/${p.id}`,
      vcardHref: `/personen/${p.id}/vcard`,
      action: `/personen/${p.id}/selbst-bearbeiten`,
      requestAction: `/personen/${p.id}/aenderung-anfragen`,
      organisationName: p.organisation?.name ?? null,
      emailList: [...(p.emails ?? [])].sort((a, b) => a.position - b.position).map((e) => e.email),
      consentStatus: consentText(p),
      membershipsHref: '/meine-seite#meine-gremien',
    };
  }
}

/** The errors of the fields a member edits (the administration's fields come from the record and are valid). */
function pickOwn(errors: Partial<Record<string, string>>): FormErrors<OwnEntryFieldName> {
  const own: FormErrors<OwnEntryFieldName> = {};
  for (const name of SELF_EDITABLE_FIELDS) if (errors[name] !== undefined) own[name] = errors[name];
  return own;
}
