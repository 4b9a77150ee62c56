import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentViewer, type Viewer } from '../auth/viewer.js';
import { type FormErrors, type FormValues, formView, readForm, renderInvalid, type SelectOption, submitForm, validateForm, type ValidationResult } from '../common/forms/form.js';
import { IdParamPipe } from '../common/http/id-param.pipe.js';
import type { AgendaItem } from '../meetings/agenda-item.entity.js';
import type { Meeting } from '../meetings/meeting.entity.js';
import { personDisplayName } from '../people/person-name.js';
import { ActionItemsService, type ActionItemInput } from './action-items.service.js';
import type { DecisionResult } from './decision.entity.js';
import { DecisionsService, type DecisionInput } from './decisions.service.js';
import { ActionItemDto } from './dto/action-item.dto.js';
import { DecisionDto } from './dto/decision.dto.js';
import { bodyRecord, field, optionalCount, optionalDate, optionalId } from './minutes-form-helpers.js';
import { ACTION_ITEM_FORM, type ActionItemField, DECISION_FORM, type DecisionField } from './minutes.forms.js';
import { MinutesRepository } from './minutes.repository.js';
import { actionItemAnchor, agendaAnchor, agendaLabel, minutesPath } from './minutes.view-model.js';

interface DeleteQuestion {
  title: string;
  text: string;
  action: string;
  backHref: string;
}

/**
 * Deleting needs the confirmation field of the delete button (an empty or forged form deletes nothing):
 * without it 422 with a page that asks again, with a button that confirms; with it `remove`, then 303 to `next`.
 */
async function removeConfirmed(res: Response, body: unknown, ask: DeleteQuestion, remove: () => Promise<void>, next: string): Promise<void> {
  if (field(bodyRecord(body), 'bestaetigung') !== 'ja') {
    const { title, text, action, backHref } = ask;
    return void res.status(422).render('minutes/confirm-delete', { pageTitle: `Bestätigen: ${title}`, title, text, action, backHref });
  }
  await remove();
  res.redirect(303, next);
}

const agendaOptions = (agenda: AgendaItem[]): SelectOption[] => agenda.map((a) => ({ value: String(a.id), label: agendaLabel(a) }));

/** Decisions and action items of one meeting's minutes: the forms for editors. */
@Controller('sitzungen/:meetingId/protokoll')
export class MinutesRecordsController {
  constructor(
    private readonly decisions: DecisionsService,
    private readonly actionItems: ActionItemsService,
    private readonly repository: MinutesRepository,
  ) {}

  // ---- decisions ----

  private decisionModel(meeting: Meeting, agenda: AgendaItem[], values: Partial<Record<DecisionField, string>>, errors: FormErrors<DecisionField>, decision: { id: number; number: string } | null) {
    const options = { agendaItemId: agendaOptions(agenda) };
    return {
      pageTitle: decision ? `Beschluss ${decision.number} bearbeiten` : `Neuer Beschluss – ${meeting.title}`,
      heading: decision ? `Beschluss ${decision.number} bearbeiten` : 'Neuer Beschluss',
      numberHint: decision ? null : 'Die Beschlussnummer wird beim Speichern automatisch vergeben.',
      meetingTitle: meeting.title,
      minutesHref: minutesPath(meeting.id),
      action: decision ? `${minutesPath(meeting.id)}/beschluesse/${decision.id}` : `${minutesPath(meeting.id)}/beschluesse`,
      deleteAction: decision ? `${minutesPath(meeting.id)}/beschluesse/${decision.id}/loeschen` : null,
      form: formView(DECISION_FORM, values, errors, options),
      options,
    };
  }

  /** 422: the decision form again with the typed values and the errors. */
  private decisionInvalid(res: Response, meeting: Meeting, agenda: AgendaItem[], values: FormValues<DecisionField>, decision: { id: number; number: string } | null) {
    return (errors: FormErrors<DecisionField>): void => {
      const model = this.decisionModel(meeting, agenda, values, errors, decision);
      renderInvalid(res, 'minutes/decision-form', DECISION_FORM, values, errors, model, model.options);
    };
  }

  private decisionInput(values: FormValues<DecisionField>): DecisionInput {
    return {
      agendaItemId: Number(values.agendaItemId),
      text: values.text,
      unanimous: values.unanimous === 'on',
      votesYes: optionalCount(values.votesYes),
      votesNo: optionalCount(values.votesNo),
      votesAbstain: optionalCount(values.votesAbstain),
      result: values.result as DecisionResult,
    };
  }

  @Get('beschluesse/neu')
  async newDecision(@Param('meetingId', IdParamPipe) meetingId: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const { meeting, agenda } = await this.decisions.formContext(meetingId, viewer);
    res.render('minutes/decision-form', this.decisionModel(meeting, agenda, { result: 'adopted' }, {}, null));
  }

  @Post('beschluesse')
  async createDecision(@Param('meetingId', IdParamPipe) meetingId: number, @CurrentViewer() viewer: Viewer, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const { meeting, agenda } = await this.decisions.formContext(meetingId, viewer);
    const values = readForm(DECISION_FORM, body);
    await submitForm(res, {
      validated: await validateForm(DECISION_FORM, DecisionDto, values),
      save: async () => {
        const created = await this.decisions.create(meetingId, viewer, this.decisionInput(values));
        return `${minutesPath(meetingId)}#beschluss-${created.number}`;
      },
      invalid: this.decisionInvalid(res, meeting, agenda, values, null),
    });
  }

  @Get('beschluesse/:id/bearbeiten')
  async editDecision(@Param('meetingId', IdParamPipe) meetingId: number, @Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const { meeting, agenda, decision: d } = await this.decisions.forEdit(meetingId, id, viewer);
    const count = (n: number | null): string => (n === null ? '' : String(n));
    const values = {
      agendaItemId: String(d.agendaItemId),
      text: d.text,
      result: d.result,
      unanimous: d.unanimous ? 'on' : '',
      votesYes: count(d.votesYes),
      votesNo: d.unanimous ? '' : count(d.votesNo),
      votesAbstain: d.unanimous ? '' : count(d.votesAbstain),
    };
    res.render('minutes/decision-form', this.decisionModel(meeting, agenda, values, {}, d));
  }

  @Post('beschluesse/:id')
  async updateDecision(
    @Param('meetingId', IdParamPipe) meetingId: number,
    @Param('id', IdParamPipe) id: number,
    @CurrentViewer() viewer: Viewer,
    @Body() body: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const { meeting, agenda, decision } = await this.decisions.forEdit(meetingId, id, viewer);
    const values = readForm(DECISION_FORM, body);
    await submitForm(res, {
      validated: await validateForm(DECISION_FORM, DecisionDto, values),
      save: async () => {
        await this.decisions.update(meetingId, id, viewer, this.decisionInput(values));
        return `${minutesPath(meetingId)}#beschluss-${decision.number}`;
      },
      invalid: this.decisionInvalid(res, meeting, agenda, values, decision),
    });
  }

  @Post('beschluesse/:id/loeschen')
  async deleteDecision(
    @Param('meetingId', IdParamPipe) meetingId: number,
    @Param('id', IdParamPipe) id: number,
    @CurrentViewer() viewer: Viewer,
    @Body() body: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const { decision } = await this.decisions.forEdit(meetingId, id, viewer);
    const ask = {
      title: `Beschluss ${decision.number} löschen`,
      text: `Die Nummer ${decision.number} wird nicht erneut vergeben.`,
      action: `${minutesPath(meetingId)}/beschluesse/${id}/loeschen`,
      backHref: minutesPath(meetingId),
    };
    await removeConfirmed(res, body, ask, () => this.decisions.remove(meetingId, id, viewer), minutesPath(meetingId));
  }

  // ---- action items ----

  private async actionItemOptions(agenda: AgendaItem[]): Promise<Partial<Record<ActionItemField, SelectOption[]>>> {
    const [people, organisations] = await Promise.all([this.repository.findPeopleOptions(), this.repository.findOrganisationOptions()]);
    return {
      agendaItemId: agendaOptions(agenda),
      responsiblePersonId: people.map((p) => ({ value: String(p.id), label: personDisplayName(p) })),
      responsibleOrganisationId: organisations.map((o) => ({ value: String(o.id), label: o.name })),
    };
  }

  private async actionItemModel(meeting: Meeting, agenda: AgendaItem[], values: Partial<Record<ActionItemField, string>>, errors: FormErrors<ActionItemField>, itemId: number | null) {
    const options = await this.actionItemOptions(agenda);
    return {
      pageTitle: itemId ? `Aufgabe bearbeiten – ${meeting.title}` : `Neue Aufgabe – ${meeting.title}`,
      heading: itemId ? 'Aufgabe bearbeiten' : 'Neue Aufgabe',
      meetingTitle: meeting.title,
      minutesHref: minutesPath(meeting.id),
      action: itemId ? `${minutesPath(meeting.id)}/aufgaben/${itemId}` : `${minutesPath(meeting.id)}/aufgaben`,
      deleteAction: itemId ? `${minutesPath(meeting.id)}/aufgaben/${itemId}/loeschen` : null,
      form: formView(ACTION_ITEM_FORM, values, errors, options),
      options,
    };
  }

  /** 422: the action item form again with the typed values and the errors. */
  private actionItemInvalid(res: Response, meeting: Meeting, agenda: AgendaItem[], values: FormValues<ActionItemField>, itemId: number | null) {
    return async (errors: FormErrors<ActionItemField>): Promise<void> => {
      const model = await this.actionItemModel(meeting, agenda, values, errors, itemId);
      renderInvalid(res, 'minutes/action-item-form', ACTION_ITEM_FORM, values, errors, model, model.options);
    };
  }

  /** Validates the form; returns the input or the errors by field. */
  private async actionItemInput(values: FormValues<ActionItemField>): Promise<ValidationResult<ActionItemField, ActionItemInput>> {
    const result = await validateForm(ACTION_ITEM_FORM, ActionItemDto, values);
    const errors: FormErrors<ActionItemField> = result.ok ? {} : { ...result.errors };
    const due = optionalDate(values.dueDate);
    if (!due.ok && !errors.dueDate) errors.dueDate = due.error;
    if (Object.keys(errors).length > 0 || !due.ok) return { ok: false, errors };
    const id = (raw: string): number | null => {
      const v = optionalId(raw);
      return typeof v === 'number' ? v : null;
    };
    return {
      ok: true,
      value: {
        what: values.what,
        agendaItemId: id(values.agendaItemId),
        responsiblePersonId: id(values.responsiblePersonId),
        responsibleOrganisationId: id(values.responsibleOrganisationId),
        dueDate: due.value,
      },
    };
  }

  @Get('aufgaben/neu')
  async newActionItem(@Param('meetingId', IdParamPipe) meetingId: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const { meeting, agenda } = await this.actionItems.formContext(meetingId, viewer);
    res.render('minutes/action-item-form', await this.actionItemModel(meeting, agenda, {}, {}, null));
  }

  @Post('aufgaben')
  async createActionItem(@Param('meetingId', IdParamPipe) meetingId: number, @CurrentViewer() viewer: Viewer, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const { meeting, agenda } = await this.actionItems.formContext(meetingId, viewer);
    const values = readForm(ACTION_ITEM_FORM, body);
    await submitForm(res, {
      validated: await this.actionItemInput(values),
      save: async (input) => {
        const created = await this.actionItems.create(meetingId, viewer, input);
        return `${minutesPath(meetingId)}#${actionItemAnchor(created.id)}`;
      },
      invalid: this.actionItemInvalid(res, meeting, agenda, values, null),
    });
  }

  @Get('aufgaben/:id/bearbeiten')
  async editActionItem(@Param('meetingId', IdParamPipe) meetingId: number, @Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const { meeting, agenda, item } = await this.actionItems.forEdit(meetingId, id, viewer);
    const values = {
      what: item.what,
      agendaItemId: item.agendaItemId ? String(item.agendaItemId) : '',
      responsiblePersonId: item.responsiblePersonId ? String(item.responsiblePersonId) : '',
      responsibleOrganisationId: item.responsibleOrganisationId ? String(item.responsibleOrganisationId) : '',
      // <input type="date"> takes ISO (YYYY-MM-DD) only; a German date there shows empty and is lost on saving.
      dueDate: item.dueDate ?? '',
    };
    res.render('minutes/action-item-form', await this.actionItemModel(meeting, agenda, values, {}, item.id));
  }

  @Post('aufgaben/:id')
  async updateActionItem(
    @Param('meetingId', IdParamPipe) meetingId: number,
    @Param('id', IdParamPipe) id: number,
    @CurrentViewer() viewer: Viewer,
    @Body() body: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const { meeting, agenda } = await this.actionItems.forEdit(meetingId, id, viewer);
    const values = readForm(ACTION_ITEM_FORM, body);
    await submitForm(res, {
      validated: await this.actionItemInput(values),
      save: async (input) => {
        await this.actionItems.update(meetingId, id, viewer, input);
        return `${minutesPath(meetingId)}#${actionItemAnchor(id)}`;
      },
      invalid: this.actionItemInvalid(res, meeting, agenda, values, id),
    });
  }

  @Post('aufgaben/:id/loeschen')
  async deleteActionItem(
    @Param('meetingId', IdParamPipe) meetingId: number,
    @Param('id', IdParamPipe) id: number,
    @CurrentViewer() viewer: Viewer,
    @Body() body: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const { item, agenda } = await this.actionItems.forEdit(meetingId, id, viewer);
    // afterwards the page opens where the item was: its agenda item, or "Verschiedenes" for general items
    const place = agenda.find((a) => a.id === item.agendaItemId);
    const ask = { title: 'Aufgabe löschen', text: `„${item.what.slice(0, 120)}“`, action: `${minutesPath(meetingId)}/aufgaben/${id}/loeschen`, backHref: minutesPath(meetingId) };
    await removeConfirmed(res, body, ask, () => this.actionItems.remove(meetingId, id, viewer), `${minutesPath(meetingId)}#${place ? agendaAnchor(place) : 'verschiedenes'}`);
  }
}
