import { Body as RequestBody, Controller, Get, Inject, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentViewer, type Viewer } from '../auth/viewer.js';
import type { Body } from '../bodies/body.entity.js';
import { type FormErrors, type FormSpec, type FormValues, FormRejected, formView, readForm, renderInvalid, type SelectOption, validateForm, type ValidationResult } from '../common/forms/form.js';
import { IdParamPipe } from '../common/http/id-param.pipe.js';
import { queryText } from '../common/http/pagination.js';
import { RSVP_RESPONSE_LABELS } from './meeting-labels.js';
import { personDisplayName } from '../people/person-name.js';
import { AttendanceService } from './attendance.service.js';
import { addDays, isoDate, parseLocalDate, utcToBerlinFields } from '../common/berlin-time.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { MeetingWarning } from './conflicts.js';
import { CancelDto, MeetingDto, PostponeDto } from './dto/meeting.dto.js';
import { RsvpDto } from './dto/rsvp.dto.js';
import { SeriesDto } from './dto/series.dto.js';
import { LocationsService } from './locations.service.js';
import { MeetingDocumentsSource } from './meeting-documents-source.js';
import { MeetingEditorService, type SaveOutcome, type SeriesInput } from './meeting-editor.service.js';
import type { Meeting } from './meeting.entity.js';
import {
  CANCEL_FORM,
  type CancelField,
  MEETING_FORM,
  type MeetingField,
  POSTPONE_FORM,
  type PostponeAnswers,
  type Rhythm,
  RSVP_FORM,
  type RsvpField,
  SERIES_FORM,
  type SeriesField,
} from './meetings.forms.js';
import { MeetingsService } from './meetings.service.js';
import { bodyOptions, emptyToNull, endTimeAfter, locationOptions, meetingFormValues, optionalId } from './meetings-manage.view-model.js';
import { invitationLetter } from './invitation-letter.js';
import { longDate, timeRangeLabel } from './meetings.view-model.js';
import type { SeriesRule } from './series.js';

/** The answers choice as typed; anything else (an older form without the field) means 'auto'. */
function postponeAnswers(raw: string): PostponeAnswers {
  return raw === 'keep' || raw === 'reset' ? raw : 'auto';
}

/** The checked postponement as the preview page's query (warnings were confirmed or there were none). */
function postponeQuery(v: FormValues<'date' | 'startTime' | 'endTime'>, answers: PostponeAnswers): string {
  return `?${new URLSearchParams({ date: v.date, startTime: v.startTime, endTime: v.endTime, answers }).toString()}`;
}

/** The preview query for the same times one week later (the postpone form's example link). */
function weekLaterQuery(meeting: Meeting): string {
  const start = utcToBerlinFields(meeting.startsAt);
  const end = utcToBerlinFields(meeting.endsAt);
  const day = parseLocalDate(start.date);
  const date = day.ok ? isoDate(addDays(day.value, 7)) : start.date;
  return postponeQuery({ date, startTime: start.time, endTime: end.time }, 'auto');
}

/** "trotzdem" is the name of the "save anyway" button shown with warnings. */
function confirmedAnyway(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as Record<string, unknown>).trotzdem === 'on';
}

function ruleOf(rhythm: Rhythm, ordinal: string, weekday: string): SeriesRule {
  const monthly = (intervalMonths: number): SeriesRule => ({
    kind: 'monthly',
    intervalMonths,
    ordinal: Number(ordinal) as 1 | 2 | 3 | 4 | -1,
    weekday: Number(weekday),
  });
  switch (rhythm) {
    case 'weekly':
      return { kind: 'weekly', intervalWeeks: 1 };
    case 'biweekly':
      return { kind: 'weekly', intervalWeeks: 2 };
    case 'monthly':
      return monthly(1);
    case 'bimonthly':
      return monthly(2);
    case 'quarterly':
      return monthly(3);
    case 'halfyearly':
      return monthly(6);
  }
}

const warningView = (warnings: MeetingWarning[]) => (warnings.length > 0 ? warnings.map((w) => w.message) : null);

/** A scheduling form to show again: its spec, view, what was typed and the page's view model for errors and warnings. */
interface SchedulingForm<K extends string> {
  spec: FormSpec<K>;
  view: string;
  values: FormValues<K>;
  model: (errors: FormErrors<K>, warnings: MeetingWarning[]) => SchedulingModel<K> | Promise<SchedulingModel<K>>;
}

type SchedulingModel<K extends string> = { pageTitle: string; options?: Partial<Record<K, SelectOption[]>> } & Record<string, unknown>;

/**
 * The POST of a form whose save may warn (conflicts, holidays): invalid values or a FormRejected → 422
 * with the typed values and the errors; warnings → 200 with the warnings and the "save anyway" button;
 * saved → 303 to `next`.
 */
async function submitScheduling<K extends string, T>(
  res: Response,
  form: SchedulingForm<K>,
  validated: ValidationResult<K, unknown>,
  save: () => Promise<SaveOutcome<T>>,
  next: (saved: T) => string,
): Promise<void> {
  const again = async (errors: FormErrors<K>, warnings: MeetingWarning[] = []): Promise<void> => {
    const model = await form.model(errors, warnings);
    if (warnings.length > 0) return void res.status(200).render(form.view, model);
    renderInvalid(res, form.view, form.spec, form.values, errors, model, model.options);
  };
  if (!validated.ok) return again(validated.errors);
  try {
    const outcome = await save();
    if (!outcome.saved) return again({}, outcome.warnings);
    res.redirect(303, next(outcome.value));
  } catch (e) {
    if (e instanceof FormRejected) return again(e.errors as FormErrors<K>);
    throw e;
  }
}

/** Scheduling pages for chairs, deputy chairs and secretaries: create, edit, postpone, cancel, invite; RSVP for members. */
@Controller('sitzungen')
export class MeetingsManageController {
  constructor(
    private readonly editor: MeetingEditorService,
    private readonly meetings: MeetingsService,
    private readonly locations: LocationsService,
    private readonly attendance: AttendanceService,
    private readonly documentsSource: MeetingDocumentsSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async options(bodies: Body[]): Promise<Partial<Record<MeetingField & SeriesField, SelectOption[]>>> {
    return { bodyId: bodyOptions(bodies), locationId: locationOptions(await this.locations.list()) };
  }

  // ---- create ----

  private async newModel(viewer: Viewer, values: Partial<Record<MeetingField, string>>, errors: FormErrors<MeetingField>, warnings: MeetingWarning[] = []) {
    const bodies = await this.editor.manageableBodies(viewer, '/sitzungen/neu');
    const options = await this.options(bodies);
    return {
      pageTitle: 'Neue Sitzung',
      heading: 'Neue Sitzung planen',
      action: '/sitzungen/neu',
      cancelHref: '/sitzungen',
      isNew: true,
      seriesHref: '/sitzungen/serie/neu',
      warnings: warningView(warnings),
      form: formView(MEETING_FORM, values, errors, options),
      options,
    };
  }

  /** The first values of a new meeting or series: 18–20 h, or the defaults of the requested (or only) manageable body. */
  private async newValues(viewer: Viewer, path: string, rawBody: unknown): Promise<Partial<Record<MeetingField & SeriesField, string>>> {
    const bodies = await this.editor.manageableBodies(viewer, path);
    const requested = optionalId(queryText(rawBody, 15));
    const body = bodies.find((b) => b.id === requested) ?? (bodies.length === 1 ? bodies[0] : undefined);
    if (!body) return { startTime: '18:00', endTime: '20:00', isPublic: 'on' };
    const defaults = await this.editor.defaultsFor(body);
    return {
      bodyId: String(body.id),
      title: defaults.title,
      startTime: '18:00',
      endTime: endTimeAfter('18:00', defaults.durationMinutes),
      locationId: defaults.locationId === null ? '' : String(defaults.locationId),
      isPublic: body.isPublic ? 'on' : '',
    };
  }

  @Get('neu')
  async newForm(@CurrentViewer() viewer: Viewer, @Query('gremium') rawBody: unknown, @Res() res: Response): Promise<void> {
    const values = await this.newValues(viewer, '/sitzungen/neu', rawBody);
    res.render('meetings/form', await this.newModel(viewer, values, {}));
  }

  @Post('neu')
  async create(@CurrentViewer() viewer: Viewer, @RequestBody() body: unknown, @Res() res: Response): Promise<void> {
    await this.editor.manageableBodies(viewer, '/sitzungen/neu');
    const values = readForm(MEETING_FORM, body);
    await submitScheduling(
      res,
      { spec: MEETING_FORM, view: 'meetings/form', values, model: (errors, warnings) => this.newModel(viewer, values, errors, warnings) },
      await validateForm(MEETING_FORM, MeetingDto, values),
      () => this.editor.create(viewer, this.meetingInput(values), confirmedAnyway(body)),
      (meeting) => `/sitzungen/${meeting.id}`,
    );
  }

  private meetingInput(v: FormValues<MeetingField>) {
    return {
      bodyId: Number(v.bodyId),
      title: v.title.trim(),
      date: v.date,
      startTime: v.startTime,
      endTime: v.endTime,
      locationId: optionalId(v.locationId),
      onlineLink: emptyToNull(v.onlineLink),
      isPublic: v.isPublic === 'on',
      description: emptyToNull(v.description),
    };
  }

  // ---- series ----

  private async seriesModel(viewer: Viewer, values: Partial<Record<SeriesField, string>>, errors: FormErrors<SeriesField>, warnings: MeetingWarning[] = []) {
    const bodies = await this.editor.manageableBodies(viewer, '/sitzungen/serie/neu');
    const options = await this.options(bodies);
    return {
      pageTitle: 'Sitzungsserie planen',
      action: '/sitzungen/serie/neu',
      warnings: warningView(warnings),
      form: formView(SERIES_FORM, values, errors, options),
      options,
    };
  }

  @Get('serie/neu')
  async seriesForm(@CurrentViewer() viewer: Viewer, @Query('gremium') rawBody: unknown, @Res() res: Response): Promise<void> {
    const values: Partial<Record<SeriesField, string>> = {
      rhythm: 'monthly',
      ordinal: '2',
      weekday: '2',
      endKind: 'count',
      count: '6',
      ...(await this.newValues(viewer, '/sitzungen/serie/neu', rawBody)),
    };
    res.render('meetings/series-form', await this.seriesModel(viewer, values, {}));
  }

  @Post('serie/neu')
  async createSeries(@CurrentViewer() viewer: Viewer, @RequestBody() body: unknown, @Res() res: Response): Promise<void> {
    await this.editor.manageableBodies(viewer, '/sitzungen/serie/neu');
    const values = readForm(SERIES_FORM, body);
    await submitScheduling(
      res,
      { spec: SERIES_FORM, view: 'meetings/series-form', values, model: (errors, warnings) => this.seriesModel(viewer, values, errors, warnings) },
      await validateForm(SERIES_FORM, SeriesDto, values),
      () => this.editor.createSeries(viewer, this.seriesInput(values), confirmedAnyway(body)),
      () => `/sitzungen?gremium=${Number(values.bodyId)}`,
    );
  }

  private seriesInput(values: FormValues<SeriesField>): SeriesInput {
    return {
      bodyId: Number(values.bodyId),
      title: values.title.trim(),
      startDate: values.startDate,
      startTime: values.startTime,
      endTime: values.endTime,
      rule: ruleOf(values.rhythm as Rhythm, values.ordinal, values.weekday),
      end: values.endKind === 'until' ? { kind: 'until', until: values.until } : { kind: 'count', count: values.count },
      locationId: optionalId(values.locationId),
      onlineLink: emptyToNull(values.onlineLink),
      isPublic: values.isPublic === 'on',
    };
  }

  // ---- edit ----

  private editModel(meeting: Meeting, bodies: SelectOption[], locations: SelectOption[], values: Partial<Record<MeetingField, string>>, errors: FormErrors<MeetingField>, warnings: MeetingWarning[] = []) {
    const options = { bodyId: bodies, locationId: locations };
    return {
      pageTitle: `Sitzung bearbeiten: ${meeting.title}`,
      heading: 'Sitzung bearbeiten',
      action: `/sitzungen/${meeting.id}/bearbeiten`,
      cancelHref: `/sitzungen/${meeting.id}`,
      isNew: false,
      bodyName: meeting.body.name,
      warnings: warningView(warnings),
      form: formView(MEETING_FORM, { ...values, bodyId: String(meeting.bodyId) }, errors, options),
      options,
    };
  }

  @Get(':id/bearbeiten')
  async editForm(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const meeting = await this.editor.forManage(id, viewer, `/sitzungen/${id}/bearbeiten`);
    const locations = locationOptions(await this.locations.list());
    res.render('meetings/form', this.editModel(meeting, bodyOptions([meeting.body]), locations, meetingFormValues(meeting), {}));
  }

  @Post(':id/bearbeiten')
  async update(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @RequestBody() body: unknown, @Res() res: Response): Promise<void> {
    const meeting = await this.editor.forManage(id, viewer);
    const locations = locationOptions(await this.locations.list());
    const values = { ...readForm(MEETING_FORM, body), bodyId: String(meeting.bodyId) };
    await submitScheduling(
      res,
      { spec: MEETING_FORM, view: 'meetings/form', values, model: (errors, warnings) => this.editModel(meeting, bodyOptions([meeting.body]), locations, values, errors, warnings) },
      await validateForm(MEETING_FORM, MeetingDto, values),
      () => this.editor.update(viewer, id, this.meetingInput(values), confirmedAnyway(body)),
      () => `/sitzungen/${id}`,
    );
  }

  // ---- postpone and cancel ----

  private simpleModel<K extends string>(meeting: Meeting, spec: FormSpec<K>, kind: 'postpone' | 'cancel', values: Partial<Record<K, string>>, errors: FormErrors<K>, warnings: MeetingWarning[] = []) {
    const postpone = kind === 'postpone';
    return {
      pageTitle: `${postpone ? 'Sitzung verschieben' : 'Sitzung absagen'}: ${meeting.title}`,
      heading: postpone ? 'Sitzung verschieben' : 'Sitzung absagen',
      meeting: { title: meeting.title, bodyName: meeting.body.name, when: `${longDate(meeting.startsAt)}, ${timeRangeLabel(meeting.startsAt, meeting.endsAt)}`, href: `/sitzungen/${meeting.id}` },
      action: `/sitzungen/${meeting.id}/${postpone ? 'verschieben' : 'absagen'}`,
      intro: postpone
        ? 'Die Sitzung behält ihre Kalender-Kennung: In abonnierten Kalendern wandert der Termin an die neue Zeit. Die Tagesordnung bleibt erhalten; ob die bisherigen Antworten gelten, wählen Sie unten. Vor dem Verschieben sehen Sie, was die Mitglieder per E-Mail erfahren.'
        : 'Die Sitzung bleibt mit dem Vermerk „abgesagt“ und dem Grund sichtbar; in abonnierten Kalendern wird der Termin als abgesagt markiert.',
      submitLabel: postpone ? 'Weiter zur Vorschau' : 'Sitzung absagen',
      // an example of what members read (one week later, same times), before anything is typed
      previewExampleHref: postpone ? `/sitzungen/${meeting.id}/verschieben/vorschau${weekLaterQuery(meeting)}` : null,
      warnings: warningView(warnings),
      form: formView(spec, values, errors),
    };
  }

  @Get(':id/verschieben')
  async postponeForm(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const meeting = await this.editor.forManage(id, viewer, `/sitzungen/${id}/verschieben`);
    const start = utcToBerlinFields(meeting.startsAt);
    const end = utcToBerlinFields(meeting.endsAt);
    res.render('meetings/simple-form', this.simpleModel(meeting, POSTPONE_FORM, 'postpone', { date: start.date, startTime: start.time, endTime: end.time, answers: 'auto' }, {}));
  }

  /**
   * Two steps: first the times are checked (errors 422, warnings 200 with "trotzdem") and the chair is
   * sent to the preview of what the members will be told (src/mail: /verschieben/vorschau), where the
   * answers choice is settled; that page posts back with "bestaetigt", and only then the meeting moves.
   */
  @Post(':id/verschieben')
  async postpone(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @RequestBody() body: unknown, @Res() res: Response): Promise<void> {
    const meeting = await this.editor.forManage(id, viewer);
    const values = readForm(POSTPONE_FORM, body);
    const answers = postponeAnswers(values.answers);
    const confirmedChange = typeof body === 'object' && body !== null && (body as Record<string, unknown>).bestaetigt === 'on';
    await submitScheduling(
      res,
      { spec: POSTPONE_FORM, view: 'meetings/simple-form', values, model: (errors, warnings) => this.simpleModel(meeting, POSTPONE_FORM, 'postpone', values, errors, warnings) },
      await validateForm(POSTPONE_FORM, PostponeDto, values),
      async (): Promise<SaveOutcome<Meeting | null>> => {
        if (confirmedChange) return this.editor.postpone(viewer, id, values, confirmedAnyway(body), answers);
        const plan = await this.editor.postponePlan(viewer, id, values, answers, confirmedAnyway(body));
        return plan.saved ? { saved: true, value: null, notices: plan.notices } : plan;
      },
      (saved) => (saved === null ? `/sitzungen/${id}/verschieben/vorschau${postponeQuery(values, answers)}` : `/sitzungen/${id}`),
    );
  }

  @Get(':id/absagen')
  async cancelForm(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const meeting = await this.editor.forManage(id, viewer, `/sitzungen/${id}/absagen`);
    res.render('meetings/simple-form', this.simpleModel(meeting, CANCEL_FORM, 'cancel', {}, {}));
  }

  @Post(':id/absagen')
  async cancel(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @RequestBody() body: unknown, @Res() res: Response): Promise<void> {
    const meeting = await this.editor.forManage(id, viewer);
    const values = readForm(CANCEL_FORM, body);
    const again = (errors: FormErrors<CancelField>): void =>
      renderInvalid(res, 'meetings/simple-form', CANCEL_FORM, values, errors, this.simpleModel(meeting, CANCEL_FORM, 'cancel', values, errors));
    const valid = await validateForm(CANCEL_FORM, CancelDto, values);
    if (!valid.ok) return again(valid.errors);
    try {
      await this.editor.cancel(viewer, id, values.reason);
      res.redirect(303, `/sitzungen/${id}`);
    } catch (e) {
      if (e instanceof FormRejected) return again(e.errors);
      throw e;
    }
  }

  // ---- invitation ----

  @Post(':id/einladen')
  async invite(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @RequestBody() body: unknown, @Res() res: Response): Promise<void> {
    const outcome = await this.editor.invite(viewer, id, confirmedAnyway(body));
    // the result page of the mail status (src/mail): queued, sent so far, failed with reason
    if (outcome.saved) return res.redirect(303, `/sitzungen/${id}/versand?einladung=1`);
    const meeting = await this.editor.forManage(id, viewer);
    res.status(200).render('meetings/invite-confirm', {
      pageTitle: `Einladung verschicken: ${meeting.title}`,
      meeting: { title: meeting.title, href: `/sitzungen/${id}` },
      action: `/sitzungen/${id}/einladen`,
      warnings: warningView(outcome.warnings),
    });
  }

  /** The printable invitation letter (letterhead, date, place, agenda, RSVP note). */
  @Get(':id/einladung')
  async letter(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const meeting = await this.editor.forManage(id, viewer, `/sitzungen/${id}/einladung`);
    const { agenda } = await this.meetings.detail(id, viewer);
    const chairs = await this.meetings.chairOf(meeting);
    const documents = await this.documentsSource.linesFor(meeting);
    res.render('meetings/invitation', {
      pageTitle: `Einladung: ${meeting.title}`,
      letter: invitationLetter(meeting, agenda, chairs, this.config.defaultLocality, `${this.config.baseUrl}/sitzungen/${id}`, new Date(), documents),
      meetingHref: `/sitzungen/${id}`,
    });
  }

  @Post(':id/stattgefunden')
  async held(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    await this.editor.markHeld(viewer, id);
    res.redirect(303, `/sitzungen/${id}`);
  }

  // ---- RSVP ----

  @Post(':id/antwort')
  async rsvp(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @RequestBody() body: unknown, @Res() res: Response): Promise<void> {
    const { meeting, deputies } = await this.attendance.context(viewer, id);
    const values = readForm(RSVP_FORM, body);
    const again = (errors: FormErrors<RsvpField>): void => {
      const options = { deputyPersonId: deputies.map((p) => ({ value: String(p.id), label: personDisplayName(p) })) };
      renderInvalid(
        res,
        'meetings/rsvp',
        RSVP_FORM,
        values,
        errors,
        { pageTitle: `Antwort: ${meeting.title}`, meeting: { title: meeting.title, href: `/sitzungen/${id}` }, action: `/sitzungen/${id}/antwort`, options },
        options,
      );
    };
    const valid = await validateForm(RSVP_FORM, RsvpDto, values);
    if (!valid.ok) return again(valid.errors);
    try {
      await this.attendance.respond(viewer, id, { response: values.response as 'accepted' | 'declined' | 'tentative', deputyPersonId: optionalId(values.deputyPersonId) });
      res.redirect(303, `/sitzungen/${id}#antwort`);
    } catch (e) {
      if (e instanceof FormRejected) return again(e.errors);
      throw e;
    }
  }

  @Get(':id/antwort')
  async rsvpForm(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const { meeting, deputies, current } = await this.attendance.context(viewer, id);
    const options = { deputyPersonId: deputies.map((p) => ({ value: String(p.id), label: personDisplayName(p) })) };
    const values = { response: current && current.response !== 'none' ? current.response : 'accepted', deputyPersonId: current?.deputyPersonId ? String(current.deputyPersonId) : '' };
    res.render('meetings/rsvp', {
      pageTitle: `Antwort: ${meeting.title}`,
      meeting: { title: meeting.title, href: `/sitzungen/${id}` },
      currentLabel: current ? RSVP_RESPONSE_LABELS[current.response] : RSVP_RESPONSE_LABELS.none,
      action: `/sitzungen/${id}/antwort`,
      form: formView(RSVP_FORM, values, {}, options),
    });
  }
}
