import { basename } from 'node:path';
import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequireAdmin, RequireMember } from '../auth/access.js';
import { noStore } from '../auth/session-helpers.js';
import { CurrentViewer, type Viewer } from '../auth/viewer.js';
import { FormRejected, formView, readForm, renderInvalid, validateForm } from '../common/forms/form.js';
import { IdParamPipe } from '../common/http/id-param.pipe.js';
import { pageRequest, pageView, queryString, queryText } from '../common/http/pagination.js';
import { MeetingEditorService, type PostponePlan } from '../meetings/meeting-editor.service.js';
import { POSTPONE_ANSWER_OPTIONS } from '../meetings/meetings.forms.js';
import { meetingWhen } from './mail-texts.js';
import { notFound } from '../common/errors/user-facing.js';
import { personDisplayName } from '../people/person-name.js';
import { BodyMailSettingsDto } from './dto/body-mail-settings.dto.js';
import { BODY_MAIL_SETTINGS_FORM } from './mail.forms.js';
import { countsView, invitationResult, mailRow, statusFilter, statusOptions } from './mail.view-model.js';
import { OutboxService } from './outbox.service.js';
import { manualReminderMessage, RemindersService } from './reminders.service.js';

const PAGE_SIZE = 50;

/** The administrators' view of every outgoing mail: status, reasons, the .eml files, retry. */
@Controller('admin/postausgang')
@RequireAdmin()
export class OutboxAdminController {
  constructor(private readonly outbox: OutboxService) {}

  @Get()
  async index(@CurrentViewer() viewer: Viewer, @Query('status') rawStatus: unknown, @Query('page') rawPage: unknown, @Res() res: Response): Promise<void> {
    const status = statusFilter(rawStatus);
    const req = pageRequest(rawPage, PAGE_SIZE);
    const [mails, total] = await this.outbox.page(viewer, { status, offset: req.offset, limit: req.pageSize });
    const counts = await this.outbox.counts(viewer);
    const setup = this.outbox.setup();
    noStore(res);
    res.render('mail/outbox', {
      pageTitle: 'Postausgang',
      setup,
      counts: countsView(counts),
      statusOptions: statusOptions(status),
      mails: mails.map((m) => mailRow(m, '/admin/postausgang')),
      empty: mails.length === 0,
      pager: total > PAGE_SIZE ? pageView(req, total, (n) => `/admin/postausgang${queryString({ status: status ?? undefined, page: n > 1 ? n : undefined })}`) : null,
    });
  }

  @Get(':id/eml')
  async eml(@CurrentViewer() viewer: Viewer, @Param('id', IdParamPipe) id: number, @Res() res: Response): Promise<void> {
    const path = await this.outbox.emlPath(viewer, id);
    noStore(res);
    res.setHeader('Content-Type', 'message/rfc822');
    res.setHeader('Content-Disposition', `attachment; filename="${basename(path)}"`);
    res.sendFile(path, { dotfiles: 'deny' });
  }

  @Post(':id/erneut')
  async retry(@CurrentViewer() viewer: Viewer, @Param('id', IdParamPipe) id: number, @Res() res: Response): Promise<void> {
    await this.outbox.retry(viewer, id);
    res.redirect(303, '/admin/postausgang');
  }
}

/** A meeting's mails for its body's chair, deputy chair, secretary (and administrators); the body's reminder setting. */
@Controller()
@RequireMember()
export class MeetingMailController {
  constructor(
    private readonly outbox: OutboxService,
    private readonly editor: MeetingEditorService,
    private readonly reminders: RemindersService,
  ) {}

  /** The confirmation before "Einladung verschicken": who gets the mail, who needs the printed letter; the POST goes to meetings. */
  @Get('sitzungen/:id/einladen')
  async confirmInvitation(@CurrentViewer() viewer: Viewer, @Param('id', IdParamPipe) id: number, @Res() res: Response): Promise<void> {
    const { meeting, recipientCount, withoutEmail, warnings } = await this.outbox.invitationPreview(viewer, id);
    noStore(res);
    res.render('mail/invite-confirm', {
      pageTitle: `Einladung verschicken: ${meeting.title}`,
      meetingTitle: meeting.title,
      meetingHref: `/sitzungen/${meeting.id}`,
      reissue: meeting.state === 'invited',
      recipients: recipientCount === 1 ? '1 Mitglied' : `${recipientCount} Mitglieder`,
      letterHref: `/sitzungen/${meeting.id}/einladung`,
      warnings: warnings.length > 0 ? warnings : null,
      withoutEmail: withoutEmail.map((p) => ({ name: personDisplayName(p), href: `/personen/${p.id}` })),
      action: `/sitzungen/${meeting.id}/einladen`,
    });
  }

  /**
   * The postponement's last step: the new time, what happens to the answers and the mail the members
   * will get, before the chair confirms (the POST goes back to meetings with "bestaetigt"). Reached by
   * the postpone form's redirect; anything invalid in the query sends the chair back to that form.
   */
  @Get('sitzungen/:id/verschieben/vorschau')
  async postponePreview(@CurrentViewer() viewer: Viewer, @Param('id', IdParamPipe) id: number, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const input = { date: queryText(query.date, 20), startTime: queryText(query.startTime, 10), endTime: queryText(query.endTime, 10) };
    const choice = queryText(query.answers, 10);
    const answers = choice === 'keep' || choice === 'reset' ? choice : 'auto';
    let plan: PostponePlan;
    let warnings: string[] = [];
    try {
      // the warnings (conflicts, holidays) are shown again here: the confirming form below saves "anyway"
      const unconfirmed = await this.editor.postponePlan(viewer, id, input, answers, false);
      if (!unconfirmed.saved) warnings = unconfirmed.warnings.map((w) => w.message);
      const checked = unconfirmed.saved ? unconfirmed : await this.editor.postponePlan(viewer, id, input, answers, true);
      if (!checked.saved) return res.redirect(303, `/sitzungen/${id}/verschieben`);
      plan = checked.value;
    } catch (e) {
      if (e instanceof FormRejected) return res.redirect(303, `/sitzungen/${id}/verschieben`);
      throw e;
    }
    const mail = await this.outbox.postponementPreview(plan);
    const { meeting } = plan;
    noStore(res);
    res.render('mail/postpone-preview', {
      pageTitle: `Verschieben bestätigen: ${meeting.title}`,
      meetingTitle: meeting.title,
      meetingHref: `/sitzungen/${id}`,
      formHref: `/sitzungen/${id}/verschieben`,
      before: meetingWhen(meeting.startsAt, meeting.endsAt),
      after: meetingWhen(plan.startsAt, plan.endsAt),
      answersOutcome: plan.resetAnswers
        ? 'Die bisherigen Antworten (Zusagen, Absagen, Vertretungen) werden gelöscht; alle Mitglieder werden gebeten, neu zu antworten.'
        : 'Die bisherigen Antworten gelten weiter.',
      dayNote: plan.dayChanges ? 'Der Tag ändert sich.' : 'Der Tag bleibt, nur die Uhrzeit ändert sich.',
      choices: POSTPONE_ANSWER_OPTIONS.map((o) => ({ value: o.value, label: o.label, checked: o.value === answers })),
      previewAction: `/sitzungen/${id}/verschieben/vorschau`,
      input,
      resolvedAnswers: plan.resetAnswers ? 'reset' : 'keep',
      action: `/sitzungen/${id}/verschieben`,
      warnings: warnings.length > 0 ? warnings : null,
      mailSubject: mail.subject,
      mailText: mail.text,
    });
  }

  @Get('sitzungen/:id/versand')
  async meeting(@CurrentViewer() viewer: Viewer, @Param('id', IdParamPipe) id: number, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const justInvited = query.einladung;
    const count = (raw: unknown): number => (typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : 0);
    const { meeting, mails, withoutEmail } = await this.outbox.forMeeting(viewer, id);
    const counts = await this.outbox.counts(viewer, id);
    noStore(res);
    res.render('mail/meeting', {
      pageTitle: `Mailversand: ${meeting.title}`,
      meetingTitle: meeting.title,
      bodyName: meeting.body.name,
      meetingHref: `/sitzungen/${meeting.id}`,
      settingsHref: `/gremien/${meeting.bodyId}/erinnerungen`,
      counts: countsView(counts),
      justInvited: justInvited === '1',
      reminderMessage: query.erinnert === undefined ? null : manualReminderMessage({ queued: count(query.erinnert), alreadyToday: count(query.schon), withoutEmail: count(query.ohne) }),
      invitation: invitationResult(meeting, mails),
      reloadHref: `/sitzungen/${meeting.id}/versand?einladung=1`,
      letterHref: `/sitzungen/${meeting.id}/einladung`,
      mails: mails.map((m) => mailRow(m, `/sitzungen/${meeting.id}/versand`)),
      empty: mails.length === 0,
      withoutEmail: withoutEmail.map((p) => ({ name: personDisplayName(p), href: `/personen/${p.id}` })),
    });
  }

  /** "Erinnerung an alle ohne Antwort" (the "Wer kommt?" block): queues the reminders, then shows what it did on the mail status page. */
  @Post('sitzungen/:id/erinnern')
  async remind(@CurrentViewer() viewer: Viewer, @Param('id', IdParamPipe) id: number, @Res() res: Response): Promise<void> {
    const r = await this.reminders.remindUnanswered(viewer, id);
    res.redirect(303, `/sitzungen/${id}/versand${queryString({ erinnert: r.queued, schon: r.alreadyToday, ohne: r.withoutEmail })}`);
  }

  @Post('sitzungen/:id/versand/:mailId/erneut')
  async retry(@CurrentViewer() viewer: Viewer, @Param('id', IdParamPipe) id: number, @Param('mailId', IdParamPipe) mailId: number, @Res() res: Response): Promise<void> {
    const { mails } = await this.outbox.forMeeting(viewer, id);
    if (!mails.some((m) => m.id === mailId)) throw notFound('Diese Nachricht gibt es nicht.');
    await this.outbox.retry(viewer, mailId);
    res.redirect(303, `/sitzungen/${id}/versand`);
  }

  @Get('gremien/:id/erinnerungen')
  async settings(@CurrentViewer() viewer: Viewer, @Param('id', IdParamPipe) id: number, @Query('gespeichert') saved: unknown, @Res() res: Response): Promise<void> {
    const s = await this.outbox.bodySettings(viewer, id);
    noStore(res);
    res.render('mail/body-settings', {
      ...this.settingsModel(s.body.id, s.body.name, s.defaultDays),
      saved: saved === '1',
      form: formView(BODY_MAIL_SETTINGS_FORM, { reminderDaysBefore: s.reminderDaysBefore }),
    });
  }

  @Post('gremien/:id/erinnerungen')
  async saveSettings(@CurrentViewer() viewer: Viewer, @Param('id', IdParamPipe) id: number, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const s = await this.outbox.bodySettings(viewer, id);
    const model = { ...this.settingsModel(s.body.id, s.body.name, s.defaultDays), saved: false };
    const values = readForm(BODY_MAIL_SETTINGS_FORM, body);
    const result = await validateForm(BODY_MAIL_SETTINGS_FORM, BodyMailSettingsDto, values);
    if (!result.ok) return renderInvalid(res, 'mail/body-settings', BODY_MAIL_SETTINGS_FORM, values, result.errors, model);
    try {
      await this.outbox.saveBodySettings(viewer, id, result.value.reminderDaysBefore === '' ? null : Number(result.value.reminderDaysBefore));
    } catch (e) {
      if (e instanceof FormRejected) return renderInvalid(res, 'mail/body-settings', BODY_MAIL_SETTINGS_FORM, values, e.errors, model);
      throw e;
    }
    res.redirect(303, `/gremien/${id}/erinnerungen?gespeichert=1`);
  }

  private settingsModel(bodyId: number, bodyName: string, defaultDays: number): { pageTitle: string; bodyName: string; bodyHref: string; action: string; defaultDays: number } {
    return { pageTitle: `Erinnerungen: ${bodyName}`, bodyName, bodyHref: `/gremien/${bodyId}`, action: `/gremien/${bodyId}/erinnerungen`, defaultDays };
  }
}
