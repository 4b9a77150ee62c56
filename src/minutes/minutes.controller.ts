import { Body, Controller, Get, HttpException, HttpStatus, Param, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { assertMember, LoginRequiredException } from '../auth/access.js';
import { hasValidCsrfToken, SkipCsrf } from '../auth/csrf.js';
import { LOGIN_THROTTLE } from '../auth/login-throttle.service.js';
import { loginPathFor } from '../auth/next-path.js';
import { CurrentViewer, isMember, type Viewer } from '../auth/viewer.js';
import { todayInBerlin } from '../common/dates.js';
import { forbidden } from '../common/errors/user-facing.js';
import { type FormErrors, formView, FormRejected, readForm, renderInvalid, validateForm } from '../common/forms/form.js';
import { IdParamPipe } from '../common/http/id-param.pipe.js';
import { personDisplayName } from '../people/person-name.js';
import {
  ATTENDANCE_CHOICE_LABELS,
  ATTENDANCE_CHOICES,
  ATTENDANCE_COLUMN_LABELS,
  type AttendanceChoice,
  type DeputyCandidate,
  deputySuggestions,
  guestListError,
  personSearchValue,
  resolvePersonSearch,
} from './attendance-record.js';
import { AmendmentDto } from './dto/amendment.dto.js';
import { renderMarkdown } from './markdown.js';
import { berlinClock, bodyRecord, field, optionalId, readCookie, timeOnMeetingDay } from './minutes-form-helpers.js';
import { normalizeText, textHash } from './minutes-merge.js';
import type { MinutesTransition } from './minutes-workflow.js';
import { AMENDMENT_FORM, APPROVE_FORM, type ApproveField } from './minutes.forms.js';
import { type EditorContext, itemKey, OPENING_KEY, OTHER_BUSINESS_KEY, type SaveOutcome, type TextKey, type TextSubmission, MinutesService } from './minutes.service.js';
import { agendaLabel, meetingOptionLabel, minutesPageModel, minutesPath } from './minutes.view-model.js';
import { EDITOR_COOKIE, PENDING_DRAFT_DAYS, PENDING_DRAFT_MAX_CHARS, PendingDraftsService } from './pending-drafts.service.js';

export const DRAFT_COOKIE = 'nm.minutes-draft';

/** Who was told when the minutes were circulated: shown once on the minutes page after the redirect. */
interface CirculationNotice {
  meetingId: number;
  notified: number;
  alreadyNotified: number;
  withoutEmail: { personId: number; name: string }[];
}

declare module 'express-session' {
  interface SessionData {
    minutesCirculated?: CirculationNotice;
  }
}

const members = (n: number): string => (n === 1 ? '1 Mitglied' : `${n} Mitglieder`);

/** The confirmation after circulating: how many were notified, who has no address. */
function circulationNoticeView(n: CirculationNotice) {
  const lines = [`Das Protokoll wurde an die Mitglieder verschickt. ${members(n.notified)} ${n.notified === 1 ? 'wurde' : 'wurden'} per E-Mail benachrichtigt.`];
  if (n.alreadyNotified > 0) {
    lines.push(`${members(n.alreadyNotified)} ${n.alreadyNotified === 1 ? 'hatte' : 'hatten'} die Nachricht zu diesem Protokoll schon erhalten und ${n.alreadyNotified === 1 ? 'bekommt' : 'bekommen'} sie nicht noch einmal.`);
  }
  return {
    lines,
    withoutEmail: n.withoutEmail.map((p) => ({ name: p.name, href: `/personen/${p.personId}` })),
  };
}

interface SectionInput {
  key: TextKey;
  label: string;
  hint: string | null;
}

function sectionsOf(ctx: Pick<EditorContext, 'agenda'>): SectionInput[] {
  return [
    { key: OPENING_KEY, label: 'Eröffnung und Regularien', hint: 'Begrüßung, Feststellung der ordnungsgemäßen Einladung, Genehmigung der Tagesordnung und des letzten Protokolls.' },
    ...ctx.agenda.map((a) => ({ key: itemKey(a.id), label: `${agendaLabel(a)}${a.isPublic ? '' : ' (nicht öffentlich)'}`, hint: a.presenter ? `Vortrag: ${a.presenter}` : null })),
    { key: OTHER_BUSINESS_KEY, label: 'Verschiedenes', hint: null },
  ];
}

/** The form field names of a text section. */
const textName = (key: TextKey): string => `text_${key}`;
const baseName = (key: TextKey): string => `base_${key}`;
const fieldId = (key: TextKey): string => `protokoll-${key}`;

/** Reads the editor form: every known section's text and the fingerprint it started from. */
function readSubmission(ctx: Pick<EditorContext, 'agenda'>, rawBody: unknown): TextSubmission {
  const body = bodyRecord(rawBody);
  const version = /^\d{1,9}$/.test(field(body, 'version')) ? Number(field(body, 'version')) : -1;
  const fields: TextSubmission['fields'] = {};
  for (const s of sectionsOf(ctx)) {
    if (!Object.prototype.hasOwnProperty.call(body, textName(s.key))) continue;
    fields[s.key] = { value: normalizeText(field(body, textName(s.key))), baseHash: field(body, baseName(s.key)) };
  }
  return { baseVersion: version, fields };
}

interface EditorOptions {
  /** Values shown in the textareas (typed or stored). */
  values: Record<TextKey, string>;
  /** Fingerprints sent back as base (of the stored text the form now stands on). */
  bases: Record<TextKey, string>;
  version: number;
  errors?: Record<TextKey, string>;
  /** Conflicting sections: the other, stored version. */
  others?: Record<TextKey, string>;
  notice?: string | null;
}

function editorModel(ctx: EditorContext, o: EditorOptions) {
  const sections = sectionsOf(ctx).map((s) => {
    const id = fieldId(s.key);
    const error = o.errors?.[s.key] ?? null;
    const other = o.others?.[s.key];
    const hintId = s.hint ? `${id}-hinweis` : null;
    const errorId = error ? `${id}-fehler` : null;
    const otherId = other !== undefined ? `${id}-andere` : null;
    return {
      id,
      anchorId: `abschnitt-${s.key}`,
      name: textName(s.key),
      baseName: baseName(s.key),
      label: s.label,
      hint: s.hint,
      hintId,
      error,
      errorId,
      describedBy: [hintId, errorId, otherId].filter((x): x is string => x !== null).join(' ') || null,
      value: o.values[s.key] ?? '',
      base: o.bases[s.key] ?? textHash(''),
      conflict: other !== undefined ? { id: otherId, text: other, html: renderMarkdown(other) } : null,
    };
  });
  const conflictCount = sections.filter((s) => s.conflict).length;
  const errorList = sections.filter((s) => s.error).map((s) => ({ href: `#${s.id}`, message: `${s.label}: ${s.error ?? ''}` }));
  return {
    pageTitle: `${errorList.length > 0 ? 'Fehler: ' : conflictCount > 0 ? 'Konflikt: ' : ''}Protokoll bearbeiten – ${ctx.meeting.title}`,
    meetingTitle: ctx.meeting.title,
    minutesHref: minutesPath(ctx.meeting.id),
    action: `${minutesPath(ctx.meeting.id)}/bearbeiten`,
    version: o.version,
    sections,
    conflictCount,
    hasConflict: conflictCount > 0,
    form: { id: 'protokoll', errorList, hasErrors: errorList.length > 0 },
    notice: o.notice ?? null,
  };
}

function storedEditor(ctx: EditorContext, notice: string | null = null) {
  const bases: Record<TextKey, string> = {};
  for (const [k, v] of Object.entries(ctx.texts)) bases[k] = textHash(v);
  return editorModel(ctx, { values: ctx.texts, bases, version: ctx.minutes.version, notice });
}

/** The conflict page: my text kept in the form, the other version beside it, based on the stored version now. */
function conflictEditor(ctx: EditorContext, submission: TextSubmission, outcome: Extract<SaveOutcome, { kind: 'conflict' }>) {
  const values: Record<TextKey, string> = { ...outcome.current };
  const bases: Record<TextKey, string> = {};
  for (const [k, v] of Object.entries(outcome.current)) bases[k] = textHash(v);
  const others: Record<TextKey, string> = {};
  for (const [k, f] of Object.entries(submission.fields)) {
    const stored = outcome.current[k] ?? '';
    if (outcome.conflicts.includes(k)) {
      values[k] = f.value;
      others[k] = stored;
    } else if (textHash(stored) === f.baseHash) {
      // only I changed this one: keep my text
      values[k] = f.value;
    }
  }
  return editorModel(ctx, { values, bases, version: outcome.currentVersion, others });
}

@Controller('sitzungen/:meetingId/protokoll')
export class MinutesController {
  constructor(
    private readonly minutes: MinutesService,
    private readonly pending: PendingDraftsService,
  ) {}

  /** The minutes page; editors of a meeting without minutes get the button to start them. */
  @Get()
  async show(@Param('meetingId', IdParamPipe) meetingId: number, @CurrentViewer() viewer: Viewer, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { minutes, isEditor } = await this.minutes.accessFor(meetingId, viewer);
    if (!minutes && isEditor) {
      const meeting = await this.minutes.visibleMeeting(meetingId, viewer);
      res.render('minutes/start', {
        pageTitle: `Protokoll: ${meeting.title}`,
        meetingTitle: meeting.title,
        meetingHref: `/sitzungen/${meeting.id}`,
        action: minutesPath(meeting.id),
      });
      return;
    }
    const detail = await this.minutes.detail(meetingId, viewer);
    const model = minutesPageModel(detail, todayInBerlin());
    const notice = req.session?.minutesCirculated;
    let circulation = null;
    if (notice && notice.meetingId === meetingId) {
      delete req.session.minutesCirculated;
      circulation = circulationNoticeView(notice);
    }
    res.render('minutes/show', { pageTitle: model.title, m: model, circulation });
  }

  /** The protocol for printing (A4, page numbers), without navigation. */
  @Get('druck')
  async print(@Param('meetingId', IdParamPipe) meetingId: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const detail = await this.minutes.detail(meetingId, viewer);
    const model = minutesPageModel(detail, todayInBerlin());
    res.render('minutes/print', { pageTitle: model.title, m: model, layout: 'minutes/print-layout' });
  }

  @Post()
  async create(@Param('meetingId', IdParamPipe) meetingId: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    await this.minutes.create(meetingId, viewer);
    res.redirect(303, `${minutesPath(meetingId)}/bearbeiten`);
  }

  @Get('bearbeiten')
  async edit(@Param('meetingId', IdParamPipe) meetingId: number, @CurrentViewer() viewer: Viewer, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.minutes.editorContext(meetingId, viewer);
    await this.handOutEditorToken(meetingId, req, res);
    const notice = typeof req.query.gespeichert === 'string' ? (req.query.gespeichert === 'wiederhergestellt' ? 'Ihr gesicherter Text wurde nach der Anmeldung gespeichert.' : 'Gespeichert.') : null;
    res.render('minutes/edit', storedEditor(ctx, notice));
  }

  /**
   * Saves the texts. Exempt from the global CSRF guard on purpose: a form whose session expired while
   * its author was writing must not lose the text. A request with a valid session token is saved;
   * one without (expired session, or a token from an older session) is kept server-side for this
   * browser and saved after the next login. Cross-site requests never get here (Fetch-Metadata check).
   */
  @Post('bearbeiten')
  @SkipCsrf()
  async save(
    @Param('meetingId', IdParamPipe) meetingId: number,
    @CurrentViewer() viewer: Viewer,
    @Body() body: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    if (!isMember(viewer) || !hasValidCsrfToken(req)) {
      await this.keepForLater(meetingId, viewer, body, req, res);
      return;
    }
    const ctx = await this.minutes.editorContext(meetingId, viewer);
    const submission = readSubmission(ctx, body);
    if (submission.baseVersion < 0) {
      // not sent by our form (no version): nothing is saved, whatever came is shown again
      const values: Record<TextKey, string> = { ...ctx.texts };
      for (const [k, f] of Object.entries(submission.fields)) values[k] = f.value;
      const bases: Record<TextKey, string> = {};
      for (const [k, v] of Object.entries(ctx.texts)) bases[k] = textHash(v);
      const model = editorModel(ctx, { values, bases, version: ctx.minutes.version, notice: 'Das Formular war unvollständig und wurde nicht gespeichert. Bitte prüfen Sie den Text und speichern Sie erneut.' });
      res.status(HttpStatus.UNPROCESSABLE_ENTITY).render('minutes/edit', { ...model, pageTitle: `Fehler: ${model.pageTitle}` });
      return;
    }
    await this.saveAndAnswer(ctx, viewer, submission, req, res, 'gespeichert=1');
  }

  private async saveAndAnswer(ctx: EditorContext, viewer: Viewer, submission: TextSubmission, req: Request, res: Response, query: string): Promise<void> {
    let outcome: SaveOutcome;
    try {
      outcome = await this.minutes.saveTexts(ctx.meeting.id, viewer, submission);
    } catch (e) {
      if (e instanceof FormRejected) {
        const values: Record<TextKey, string> = { ...ctx.texts };
        const bases: Record<TextKey, string> = {};
        for (const [k, f] of Object.entries(submission.fields)) {
          values[k] = f.value;
          bases[k] = f.baseHash;
        }
        res.status(HttpStatus.UNPROCESSABLE_ENTITY).render('minutes/edit', editorModel(ctx, { values, bases, version: submission.baseVersion, errors: e.errors }));
        return;
      }
      throw e;
    }
    if (outcome.kind === 'conflict') {
      res.status(HttpStatus.CONFLICT).render('minutes/edit', conflictEditor(ctx, submission, outcome));
      return;
    }
    const token = readCookie(req, DRAFT_COOKIE);
    if (token) {
      await this.pending.remove(token);
      res.clearCookie(DRAFT_COOKIE, { path: minutesPath(ctx.meeting.id) });
    }
    res.redirect(303, `${minutesPath(ctx.meeting.id)}/bearbeiten?${outcome.merged ? 'gespeichert=zusammengefuehrt' : query}`);
  }

  /**
   * Session gone: keep the text and ask to log in again (401), showing the text too — only when the
   * request carries the (possibly expired) session of an editor of these minutes (PendingDraftsService).
   */
  private async keepForLater(meetingId: number, viewer: Viewer, body: unknown, req: Request, res: Response): Promise<void> {
    const usualAnswer = (): Error =>
      isMember(viewer)
        ? forbidden('Das Formular ist abgelaufen oder stammt nicht von dieser Seite. Bitte laden Sie die Seite neu und senden Sie es noch einmal.')
        : new LoginRequiredException(`${minutesPath(meetingId)}/bearbeiten`);
    const target = await this.minutes.stashTarget(meetingId);
    if (!target || target.minutes.status === 'approved') throw usualAnswer();
    const submission = readSubmission(target, body);
    // nothing typed that could be lost: the usual answers (login, or the CSRF refusal)
    if (Object.values(submission.fields).every((f) => f.value.trim() === '')) throw usualAnswer();
    const outcome = await this.pending.keep(req, readCookie(req, EDITOR_COOKIE), target.meeting, target.minutes.id, submission);
    if (outcome.kind === 'refused') throw usualAnswer();
    if (outcome.kind === 'throttled') {
      throw new HttpException(
        { userMessage: `Zu viele Versuche, Text ohne gültige Anmeldung zu sichern. Bitte kopieren Sie Ihren Text, melden Sie sich erneut an und versuchen Sie es in ${LOGIN_THROTTLE.windowMinutes} Minuten noch einmal.` },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    const texts = Object.values(submission.fields)
      .map((f) => f.value)
      .filter((v) => v.trim() !== '');
    const restore = `${minutesPath(meetingId)}/wiederherstellen`;
    if (outcome.kind === 'too-large') {
      res.status(HttpStatus.PAYLOAD_TOO_LARGE).render('minutes/session-expired', {
        pageTitle: 'Anmeldung abgelaufen – Text zu lang zum Sichern',
        notKept: `Ihr Text ist zu lang, um ihn ohne gültige Anmeldung zu sichern (höchstens ${PENDING_DRAFT_MAX_CHARS.toLocaleString('de-DE')} Zeichen). Bitte kopieren Sie ihn jetzt von dieser Seite, melden Sie sich erneut an und fügen Sie ihn dann im Protokoll ein.`,
        loginHref: loginPathFor(`${minutesPath(meetingId)}/bearbeiten`),
        texts,
      });
      return;
    }
    const secure = req.secure || req.protocol === 'https';
    res.cookie(DRAFT_COOKIE, outcome.token, { httpOnly: true, sameSite: 'lax', secure, path: minutesPath(meetingId), maxAge: PENDING_DRAFT_DAYS * 86_400_000 });
    res.status(HttpStatus.UNAUTHORIZED).render('minutes/session-expired', {
      pageTitle: 'Anmeldung abgelaufen – Ihr Text ist gesichert',
      loginHref: isMember(viewer) ? restore : loginPathFor(restore),
      loggedIn: isMember(viewer),
      texts,
    });
  }

  /** An editor's browser gets the proof that lets its text be kept should the session expire while writing. */
  private async handOutEditorToken(meetingId: number, req: Request, res: Response): Promise<void> {
    const token = await this.pending.editorToken(req, meetingId);
    if (!token) return;
    const secure = req.secure || req.protocol === 'https';
    res.cookie(EDITOR_COOKIE, token.value, { httpOnly: true, sameSite: 'lax', secure, path: minutesPath(meetingId), expires: token.expiresAt });
  }

  /** After logging in again: saves the text kept for this browser (or shows the conflict). */
  @Get('wiederherstellen')
  async restore(@Param('meetingId', IdParamPipe) meetingId: number, @CurrentViewer() viewer: Viewer, @Req() req: Request, @Res() res: Response): Promise<void> {
    assertMember(viewer, `${minutesPath(meetingId)}/wiederherstellen`);
    const ctx = await this.minutes.editorContext(meetingId, viewer);
    const token = readCookie(req, DRAFT_COOKIE);
    const submission = isMember(viewer) ? await this.pending.find(viewer.accountId, ctx.minutes.id, token) : null;
    if (!submission) {
      res.render('minutes/edit', storedEditor(ctx, 'Es ist kein gesicherter Text (mehr) vorhanden. Unten steht der zuletzt gespeicherte Stand.'));
      return;
    }
    await this.saveAndAnswer(ctx, viewer, submission, req, res, 'gespeichert=wiederhergestellt');
  }

  /** Circulates the draft; every current member is told by mail, and the page says how many were. */
  @Post('verschicken')
  async circulate(@Param('meetingId', IdParamPipe) meetingId: number, @CurrentViewer() viewer: Viewer, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { receipt } = await this.minutes.transition(meetingId, viewer, 'circulate', null);
    if (receipt) req.session.minutesCirculated = { meetingId, ...receipt };
    res.redirect(303, `${minutesPath(meetingId)}#verschickt`);
  }

  @Post('zuruecknehmen')
  async withdraw(@Param('meetingId', IdParamPipe) meetingId: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    await this.transition(meetingId, viewer, 'withdraw', res);
  }

  private async transition(meetingId: number, viewer: Viewer, t: MinutesTransition, res: Response): Promise<void> {
    await this.minutes.transition(meetingId, viewer, t, null);
    res.redirect(303, minutesPath(meetingId));
  }

  @Get('genehmigen')
  async approveForm(@Param('meetingId', IdParamPipe) meetingId: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    res.render('minutes/approve', await this.approveModel(meetingId, viewer, {}, {}));
  }

  private async approveModel(meetingId: number, viewer: Viewer, values: Partial<Record<ApproveField, string>>, errors: FormErrors<ApproveField>) {
    const { meeting } = await this.minutes.editorContext(meetingId, viewer);
    const options = (await this.minutes.laterMeetings(meeting)).map((m) => ({ value: String(m.id), label: meetingOptionLabel(m) }));
    return {
      pageTitle: `Protokoll genehmigen – ${meeting.title}`,
      meetingTitle: meeting.title,
      minutesHref: minutesPath(meeting.id),
      action: `${minutesPath(meeting.id)}/genehmigen`,
      hasOptions: options.length > 0,
      form: formView(APPROVE_FORM, values, errors, { approvedInMeetingId: options }),
      options,
    };
  }

  @Post('genehmigen')
  async approve(@Param('meetingId', IdParamPipe) meetingId: number, @CurrentViewer() viewer: Viewer, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const values = readForm(APPROVE_FORM, body);
    const id = optionalId(values.approvedInMeetingId);
    try {
      await this.minutes.transition(meetingId, viewer, 'approve', typeof id === 'number' ? id : null);
    } catch (e) {
      if (e instanceof FormRejected) {
        const model = await this.approveModel(meetingId, viewer, values, e.errors);
        renderInvalid(res, 'minutes/approve', APPROVE_FORM, values, e.errors, model, { approvedInMeetingId: model.options });
        return;
      }
      throw e;
    }
    res.redirect(303, minutesPath(meetingId));
  }

  @Get('anwesenheit')
  async attendanceForm(@Param('meetingId', IdParamPipe) meetingId: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    res.render('minutes/attendance', await this.attendanceModel(meetingId, viewer, null, {}, null));
  }

  /**
   * The attendance form: one compact table row per member (radio buttons in cells, a deputy select
   * offering only the suggestions, a person search for everyone else). allPresent pre-fills every
   * member as present (the "Alle anwesend" button), nothing is saved until "Speichern".
   */
  private async attendanceModel(meetingId: number, viewer: Viewer, submitted: Record<string, unknown> | null, errors: Record<string, string>, notice: string | null, allPresent = false) {
    const { meeting, minutes } = await this.minutes.editorContext(meetingId, viewer);
    const [sheet, people] = await Promise.all([this.minutes.attendanceSheet(meeting), this.minutes.peopleOptions()]);
    const value = (name: string, stored: string): string => (submitted ? field(submitted, name) : stored);
    const personOptions = (selected: string) => people.map((p) => ({ value: String(p.id), label: personDisplayName(p), selected: String(p.id) === selected }));
    const candidates: DeputyCandidate[] = people.map((p) => ({ id: p.id, organisationId: p.organisationId, name: personDisplayName(p) }));
    const byId = new Map(candidates.map((c) => [c.id, c]));
    const bodyDeputies = new Set(sheet.filter((r) => r.membership?.role === 'deputy_member').map((r) => r.person.id));
    const rows = sheet.map((r) => {
      const choice = allPresent ? 'present' : value(`choice-${r.person.id}`, r.choice ?? '');
      const deputy = value(`deputy-${r.person.id}`, r.deputy ? String(r.deputy.id) : '');
      const search = submitted ? field(submitted, `deputySearch-${r.person.id}`) : '';
      const deputyError = errors[`deputy-${r.person.id}`] ?? null;
      const name = personDisplayName(r.person);
      const member = byId.get(r.person.id) ?? { id: r.person.id, organisationId: r.person.organisationId, name };
      const suggestions = deputySuggestions(member, bodyDeputies, candidates);
      // A stored or chosen deputy outside the suggestions stays selectable, so nothing is lost on re-render.
      const chosen = deputy !== '' && !suggestions.some((c) => String(c.id) === deputy) ? byId.get(Number(deputy)) : undefined;
      const option = (c: DeputyCandidate) => ({ value: String(c.id), label: c.name, selected: String(c.id) === deputy });
      return {
        personId: r.person.id,
        name,
        role: r.membership ? (r.membership.votingRight ? 'stimmberechtigt' : 'ohne Stimmrecht') : 'weitere Teilnahme',
        nameId: `anwesenheit-${r.person.id}`,
        choices: ATTENDANCE_CHOICES.map((c) => ({
          value: c,
          label: ATTENDANCE_CHOICE_LABELS[c],
          id: `choice-${r.person.id}-${c}`,
          name: `choice-${r.person.id}`,
          checked: c === choice,
        })),
        deputy: {
          id: `deputy-${r.person.id}`,
          name: `deputy-${r.person.id}`,
          noneSelected: deputy === '' || (chosen === undefined && !suggestions.some((c) => String(c.id) === deputy)),
          chosen: chosen ? option(chosen) : null,
          suggestions: suggestions.map(option),
          searchId: `deputySearch-${r.person.id}`,
          searchName: `deputySearch-${r.person.id}`,
          searchValue: search,
          error: deputyError,
          errorId: deputyError ? `deputy-${r.person.id}-fehler` : null,
        },
      };
    });
    const personList = candidates.map(personSearchValue);
    const simple = (name: string, stored: string) => ({ id: `sitzung-${name}`, name, value: value(name, stored), error: errors[name] ?? null, errorId: errors[name] ? `sitzung-${name}-fehler` : null });
    const quorumValue = value('quorumReached', minutes.quorumReached === null ? '' : minutes.quorumReached ? 'yes' : 'no');
    const errorList = Object.entries(errors).map(([k, message]) => ({ href: `#${k.startsWith('deputy-') ? k : `sitzung-${k}`}`, message }));
    return {
      pageTitle: `${errorList.length > 0 ? 'Fehler: ' : ''}Anwesenheit und Sitzungsdaten – ${meeting.title}`,
      meetingTitle: meeting.title,
      minutesHref: minutesPath(meeting.id),
      action: `${minutesPath(meeting.id)}/anwesenheit`,
      version: submitted ? field(submitted, 'version') : String(minutes.version),
      rows,
      hasRows: rows.length > 0,
      choiceHeadings: ATTENDANCE_CHOICES.map((c) => ATTENDANCE_COLUMN_LABELS[c]),
      personList,
      chair: { ...simple('chairPersonId', minutes.chairPersonId ? String(minutes.chairPersonId) : ''), options: [{ value: '', label: 'nicht angegeben', selected: false }, ...personOptions(value('chairPersonId', minutes.chairPersonId ? String(minutes.chairPersonId) : ''))] },
      recorder: { ...simple('recorderPersonId', minutes.recorderPersonId ? String(minutes.recorderPersonId) : ''), options: [{ value: '', label: 'nicht angegeben', selected: false }, ...personOptions(value('recorderPersonId', minutes.recorderPersonId ? String(minutes.recorderPersonId) : ''))] },
      openedAt: simple('openedAt', berlinClock(minutes.openedAt)),
      closedAt: simple('closedAt', berlinClock(minutes.closedAt)),
      quorumCheckedAt: simple('quorumCheckedAt', berlinClock(minutes.quorumCheckedAt)),
      quorumReached: [
        { value: '', label: 'nicht festgestellt', id: 'quorum-leer' },
        { value: 'yes', label: 'beschlussfähig', id: 'quorum-ja' },
        { value: 'no', label: 'nicht beschlussfähig', id: 'quorum-nein' },
      ].map((o) => ({ ...o, checked: o.value === quorumValue })),
      guests: simple('guests', minutes.guests ?? ''),
      form: { id: 'anwesenheit', errorList, hasErrors: errorList.length > 0 },
      notice,
    };
  }

  @Post('anwesenheit')
  async recordAttendance(@Param('meetingId', IdParamPipe) meetingId: number, @CurrentViewer() viewer: Viewer, @Body() rawBody: unknown, @Res() res: Response): Promise<void> {
    const body = bodyRecord(rawBody);
    const { meeting } = await this.minutes.editorContext(meetingId, viewer);
    const sheet = await this.minutes.attendanceSheet(meeting);
    const errors: Record<string, string> = {};
    if (field(body, 'allPresent') !== '') {
      res.status(HttpStatus.OK).render('minutes/attendance', await this.attendanceModel(meetingId, viewer, body, {}, 'Alle Mitglieder sind als anwesend vorausgefüllt. Bitte Abweichungen eintragen und speichern – gespeichert ist noch nichts.', true));
      return;
    }
    const people = (await this.minutes.peopleOptions()).map((p) => ({ id: p.id, organisationId: p.organisationId, name: personDisplayName(p) }));
    const rows = sheet.map((r) => {
      const rawChoice = field(body, `choice-${r.person.id}`);
      const choice = (ATTENDANCE_CHOICES as readonly string[]).includes(rawChoice) ? (rawChoice as AttendanceChoice) : null;
      let deputy = optionalId(field(body, `deputy-${r.person.id}`));
      // The search names a deputy only for a member marked "vertreten"; a leftover text elsewhere is ignored, as the deputy is.
      const search = choice === 'represented' ? field(body, `deputySearch-${r.person.id}`).trim() : '';
      if (search !== '') {
        const found = resolvePersonSearch(search, people);
        if (found === 'ambiguous') errors[`deputy-${r.person.id}`] = `Mehrere Personen heißen „${search}“. Bitte den Eintrag mit Nummer aus der Liste wählen.`;
        else if (found === null) errors[`deputy-${r.person.id}`] = `„${search}“ ist keine Person im Verzeichnis. Bitte einen Namen aus der Liste wählen.`;
        else deputy = found.id;
      }
      return { personId: r.person.id, choice, deputyPersonId: typeof deputy === 'number' && choice === 'represented' ? deputy : null };
    });
    const times: Record<'openedAt' | 'closedAt' | 'quorumCheckedAt', Date | null> = { openedAt: null, closedAt: null, quorumCheckedAt: null };
    for (const name of ['openedAt', 'closedAt', 'quorumCheckedAt'] as const) {
      const t = timeOnMeetingDay(field(body, name), meeting.startsAt);
      if (t.ok) times[name] = t.value;
      else errors[name] = t.error;
    }
    const chair = optionalId(field(body, 'chairPersonId'));
    const recorder = optionalId(field(body, 'recorderPersonId'));
    if (chair === undefined) errors.chairPersonId = 'Bitte eine Person aus der Liste wählen.';
    if (recorder === undefined) errors.recorderPersonId = 'Bitte eine Person aus der Liste wählen.';
    const guestsError = guestListError(field(body, 'guests'));
    if (guestsError !== null) errors.guests = guestsError;
    const version = /^\d{1,9}$/.test(field(body, 'version')) ? Number(field(body, 'version')) : -1;
    if (version < 0) errors.version = 'Das Formular war unvollständig und wurde nicht gespeichert. Bitte erneut speichern.';
    const quorum = field(body, 'quorumReached');
    try {
      if (Object.keys(errors).length > 0) throw new FormRejected(errors);
      const outcome = await this.minutes.recordAttendance(meetingId, viewer, {
        baseVersion: version,
        rows,
        guests: normalizeText(field(body, 'guests')),
        chairPersonId: chair ?? null,
        recorderPersonId: recorder ?? null,
        ...times,
        quorumReached: quorum === 'yes' ? true : quorum === 'no' ? false : null,
      });
      if (outcome.kind === 'conflict') {
        const model = await this.attendanceModel(meetingId, viewer, body, {}, 'Jemand anderes hat das Protokoll inzwischen gespeichert. Ihre Eingaben stehen unten noch im Formular; bitte prüfen und erneut speichern.');
        const { minutes } = await this.minutes.editorContext(meetingId, viewer);
        res.status(HttpStatus.CONFLICT).render('minutes/attendance', { ...model, version: String(minutes.version), pageTitle: `Konflikt: ${model.pageTitle}` });
        return;
      }
    } catch (e) {
      if (e instanceof FormRejected) {
        res.status(HttpStatus.UNPROCESSABLE_ENTITY).render('minutes/attendance', await this.attendanceModel(meetingId, viewer, body, e.errors, null));
        return;
      }
      throw e;
    }
    res.redirect(303, minutesPath(meetingId));
  }

  @Get('berichtigung')
  @Render('minutes/amendment')
  async amendmentForm(@Param('meetingId', IdParamPipe) meetingId: number, @CurrentViewer() viewer: Viewer) {
    return this.amendmentModel(meetingId, viewer);
  }

  private async amendmentModel(meetingId: number, viewer: Viewer) {
    assertMember(viewer, `${minutesPath(meetingId)}/berichtigung`);
    const detail = await this.minutes.detail(meetingId, viewer);
    if (!detail.isEditor) throw forbidden('Berichtigungen tragen nur Vorsitz, stellvertretender Vorsitz und Geschäftsführung ein.');
    if (detail.minutes.status !== 'approved') throw forbidden('Berichtigungen gibt es nur für genehmigte Protokolle.');
    const options = detail.agenda.map((a) => ({ value: String(a.id), label: agendaLabel(a) }));
    return {
      pageTitle: `Berichtigung – ${detail.meeting.title}`,
      meetingTitle: detail.meeting.title,
      minutesHref: minutesPath(meetingId),
      action: `${minutesPath(meetingId)}/berichtigung`,
      form: formView(AMENDMENT_FORM, {}, {}, { agendaItemId: options }),
      options,
    };
  }

  @Post('berichtigung')
  async addAmendment(@Param('meetingId', IdParamPipe) meetingId: number, @CurrentViewer() viewer: Viewer, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const values = readForm(AMENDMENT_FORM, body);
    const model = await this.amendmentModel(meetingId, viewer);
    const result = await validateForm(AMENDMENT_FORM, AmendmentDto, values);
    if (!result.ok) {
      renderInvalid(res, 'minutes/amendment', AMENDMENT_FORM, values, result.errors, model, { agendaItemId: model.options });
      return;
    }
    const agendaItemId = optionalId(values.agendaItemId);
    try {
      await this.minutes.addAmendment(meetingId, viewer, { agendaItemId: typeof agendaItemId === 'number' ? agendaItemId : null, reason: values.reason, text: values.text });
    } catch (e) {
      if (e instanceof FormRejected) {
        renderInvalid(res, 'minutes/amendment', AMENDMENT_FORM, values, e.errors, model, { agendaItemId: model.options });
        return;
      }
      throw e;
    }
    res.redirect(303, minutesPath(meetingId));
  }
}
