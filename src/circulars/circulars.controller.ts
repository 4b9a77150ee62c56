import { Body as RequestBody, Controller, Get, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequireMember } from '../auth/access.js';
import { SkipCsrf } from '../auth/csrf.js';
import { noStore } from '../auth/session-helpers.js';
import { CurrentViewer, type Viewer } from '../auth/viewer.js';
import { formatDateTime } from '../common/dates.js';
import { FormRejected } from '../common/forms/form.js';
import { IdParamPipe } from '../common/http/id-param.pipe.js';
import { OUTBOX_STATUS_LABELS } from '../mail/mail-labels.js';
import { documentDetail } from '../documents/documents.view-model.js';
import type { MeetingDocumentLine } from '../meetings/meeting-documents-source.js';
import type { Meeting } from '../meetings/meeting.entity.js';
import { renderMarkdown } from '../minutes/markdown.js';
import type { Body } from '../bodies/body.entity.js';
import type { Organisation } from '../organisations/organisation.entity.js';
import { CIRCULAR_SCOPES, type CircularScope } from './circular.entity.js';
import { type CircularInput, type CircularPlan, CircularsService, type MeetingChoice } from './circulars.service.js';

function record(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function ids(value: unknown): number[] {
  const list = Array.isArray(value) ? value : [value];
  return [...new Set(list.filter((v): v is string => typeof v === 'string' && /^[1-9]\d{0,9}$/.test(v)).map(Number))];
}

/** The chosen meeting: none for an empty choice; an unusable value becomes 0, which the service refuses as unknown. */
function meetingIdFrom(value: unknown): number | null {
  const raw = text(value).trim();
  if (raw === '') return null;
  return /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : 0;
}

/** What the form sent (the body's form: scope "body" and its id). */
function inputFrom(raw: unknown, bodyId: number | null): CircularInput {
  const source = record(raw);
  const scopeRaw = text(source.scope);
  const scope: CircularScope = bodyId !== null ? 'body' : (CIRCULAR_SCOPES as readonly string[]).includes(scopeRaw) && scopeRaw !== 'body' ? (scopeRaw as CircularScope) : 'bodies';
  return { scope, bodyIds: bodyId !== null ? [bodyId] : ids(source.bodyIds), organisationIds: ids(source.organisationIds), subject: text(source.subject), text: text(source.text), meetingId: meetingIdFrom(source.meetingId) };
}

interface FormContext {
  action: string;
  bodyName: string | null;
  bodyHref: string | null;
  choices: { bodies: Body[]; organisations: Organisation[] } | null;
  /** The meetings whose documents may be linked. */
  meetings: MeetingChoice[];
}

function formPage(ctx: FormContext, input: CircularInput, errors: Record<string, string> = {}): Record<string, unknown> {
  const errorList = Object.entries(errors).map(([field, message]) => ({ href: `#rundschreiben-${field}`, message }));
  const title = ctx.bodyName ? `Rundschreiben an ${ctx.bodyName}` : 'Netzwerkweites Rundschreiben';
  return {
    pageTitle: errorList.length > 0 ? `Fehler: ${title}` : title,
    heading: title,
    bodyHref: ctx.bodyHref,
    action: ctx.action,
    form: { id: 'rundschreiben', errorList, hasErrors: errorList.length > 0 },
    subject: input.subject,
    text: input.text,
    errors,
    network: ctx.choices !== null,
    scopeBodies: input.scope === 'bodies',
    scopeOrganisations: input.scope === 'organisations',
    bodies: (ctx.choices?.bodies ?? []).map((b) => ({ id: `gremium-${b.id}`, value: String(b.id), label: b.name, checked: input.bodyIds.includes(b.id) })),
    organisations: (ctx.choices?.organisations ?? []).map((o) => ({ id: `organisation-${o.id}`, value: String(o.id), label: o.name, checked: input.organisationIds.includes(o.id) })),
    meetings: ctx.meetings.map((m) => ({ value: String(m.id), label: m.label, selected: m.id === input.meetingId })),
    noMeeting: input.meetingId === null,
  };
}

/** The linked meeting's documents for the preview and the archived circular; null without a meeting. */
function documentsView(meeting: Meeting | null, documents: MeetingDocumentLine[]): Record<string, unknown> | null {
  if (!meeting) return null;
  return { heading: `Unterlagen der Sitzung „${meeting.title}“ (${formatDateTime(meeting.startsAt)})`, meetingHref: `/sitzungen/${meeting.id}`, lines: documents.map((l) => ({ title: l.title, url: l.url, detail: documentDetail(l) })) };
}

function previewPage(plan: CircularPlan, formToken: string, backAction: string): Record<string, unknown> {
  const withAddress = plan.recipients.filter((r) => r.address !== null);
  const to = plan.input.scope === 'organisations' ? plan.organisations.map((o) => o.name) : plan.bodies.map((b) => b.name);
  return {
    pageTitle: `Vorschau: ${plan.input.subject}`,
    subject: plan.input.subject,
    html: plan.html,
    documents: documentsView(plan.meeting, plan.documents),
    to: to.join(', '),
    mailCount: withAddress.length,
    recipients: plan.recipients.map((r) => ({ name: r.name, address: r.address ?? '–', deputy: r.asDeputy ? 'als Stellvertretung' : '', note: r.note ?? '' })),
    withoutAddress: plan.recipients.filter((r) => r.address === null).length,
    organisationsScope: plan.input.scope === 'organisations',
    hidden: [
      { name: 'scope', value: plan.input.scope },
      ...plan.input.bodyIds.map((id) => ({ name: 'bodyIds', value: String(id) })),
      ...plan.input.organisationIds.map((id) => ({ name: 'organisationIds', value: String(id) })),
      { name: 'subject', value: plan.input.subject },
      { name: 'text', value: plan.input.text },
      ...(plan.input.meetingId !== null ? [{ name: 'meetingId', value: String(plan.input.meetingId) }] : []),
      { name: 'formToken', value: formToken },
    ],
    sendAction: '/rundschreiben/senden',
    backAction,
  };
}

/** "Vorschau": back to the form when asked ("aendern"), else the exact recipients — or the form with its errors (422). */
async function showPreview(circulars: CircularsService, viewer: Viewer, ctx: FormContext, input: CircularInput, raw: unknown, res: Response): Promise<void> {
  if (record(raw).aendern !== undefined) {
    res.status(200).render('circulars/form', formPage(ctx, input));
    return;
  }
  try {
    const plan = await circulars.plan(viewer, input);
    res.status(200).render('circulars/preview', previewPage(plan, circulars.newFormToken(), ctx.action));
  } catch (e) {
    if (!(e instanceof FormRejected)) throw e;
    res.status(422).render('circulars/form', formPage(ctx, input, e.errors));
  }
}

/** A body's circulars: the archive for its members, the form and preview for its officers. */
@Controller('gremien/:bodyId/rundschreiben')
@RequireMember()
export class BodyCircularsController {
  constructor(private readonly circulars: CircularsService) {}

  @Get()
  async archive(@Param('bodyId', IdParamPipe) bodyId: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const { body, circulars, canWrite } = await this.circulars.archive(viewer, bodyId);
    const network = await this.circulars.canWriteNetworkWide(viewer);
    res.render('circulars/index', {
      networkHref: network ? '/rundschreiben/neu' : null,
      pageTitle: `Rundschreiben – ${body.name}`,
      bodyName: body.name,
      bodyHref: `/gremien/${body.id}`,
      newHref: canWrite ? `/gremien/${body.id}/rundschreiben/neu` : null,
      circulars: circulars.map((c) => ({ subject: c.subject, href: `/rundschreiben/${c.id}`, sender: c.senderName, sentAt: formatDateTime(c.createdAt) })),
    });
  }

  @Get('neu')
  async form(@Param('bodyId', IdParamPipe) bodyId: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const body = await this.circulars.forBody(viewer, bodyId);
    res.render('circulars/form', formPage({ action: `/gremien/${bodyId}/rundschreiben/neu`, bodyName: body.name, bodyHref: `/gremien/${bodyId}`, choices: null, meetings: await this.circulars.meetingChoices(bodyId) }, inputFrom({}, bodyId)));
  }

  @Post('neu')
  async preview(@Param('bodyId', IdParamPipe) bodyId: number, @RequestBody() raw: unknown, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const body = await this.circulars.forBody(viewer, bodyId);
    const input = inputFrom(raw, bodyId);
    const ctx = { action: `/gremien/${bodyId}/rundschreiben/neu`, bodyName: body.name, bodyHref: `/gremien/${bodyId}`, choices: null, meetings: await this.circulars.meetingChoices(bodyId) };
    await showPreview(this.circulars, viewer, ctx, input, raw, res);
  }
}

/** Network-wide circulars, sending, reading one circular, and the one-click unsubscribe. */
@Controller('rundschreiben')
export class CircularsController {
  constructor(private readonly circulars: CircularsService) {}

  @Get('neu')
  @RequireMember()
  async form(@CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const choices = await this.circulars.forNetwork(viewer);
    res.render('circulars/form', formPage({ action: '/rundschreiben/neu', bodyName: null, bodyHref: null, choices, meetings: await this.circulars.meetingChoices(null) }, inputFrom({}, null)));
  }

  @Post('neu')
  @RequireMember()
  async preview(@RequestBody() raw: unknown, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const choices = await this.circulars.forNetwork(viewer);
    const input = inputFrom(raw, null);
    const ctx = { action: '/rundschreiben/neu', bodyName: null, bodyHref: null, choices, meetings: await this.circulars.meetingChoices(null) };
    await showPreview(this.circulars, viewer, ctx, input, raw, res);
  }

  /** Sends once per preview (the form token): a double click or reload shows the circular already sent. */
  @Post('senden')
  @RequireMember()
  async send(@RequestBody() raw: unknown, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const source = record(raw);
    const input = inputFrom(raw, null);
    const scope = text(source.scope);
    const finalInput = scope === 'body' ? { ...input, scope: 'body' as const } : input;
    try {
      const { circularId, alreadySent } = await this.circulars.send(viewer, finalInput, text(source.formToken));
      res.redirect(303, `/rundschreiben/${circularId}${alreadySent ? '?schon=1' : ''}`);
    } catch (e) {
      if (!(e instanceof FormRejected)) throw e;
      const ctx =
        finalInput.scope === 'body' && finalInput.bodyIds[0]
          ? { action: `/gremien/${finalInput.bodyIds[0]}/rundschreiben/neu`, bodyName: (await this.circulars.body(finalInput.bodyIds[0])).name, bodyHref: `/gremien/${finalInput.bodyIds[0]}`, choices: null, meetings: await this.circulars.meetingChoices(finalInput.bodyIds[0]) }
          : { action: '/rundschreiben/neu', bodyName: null, bodyHref: null, choices: await this.circulars.forNetwork(viewer), meetings: await this.circulars.meetingChoices(null) };
      res.status(422).render('circulars/form', formPage(ctx, finalInput, e.errors));
    }
  }

  @Get('abbestellen/:token')
  async unsubscribePage(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const { address, already } = await this.circulars.unsubscribeContext(token);
    noStore(res);
    res.setHeader('X-Robots-Tag', 'noindex');
    res.render('circulars/unsubscribe', { pageTitle: 'Rundschreiben abbestellen', address, done: already, action: `/rundschreiben/abbestellen/${token}` });
  }

  /** RFC 8058 one-click: mail programs POST "List-Unsubscribe=One-Click" without a session, so no CSRF token (the signed link authorises). */
  @Post('abbestellen/:token')
  @SkipCsrf()
  async unsubscribe(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const address = await this.circulars.unsubscribe(token);
    noStore(res);
    res.status(200).render('circulars/unsubscribe', { pageTitle: 'Rundschreiben abbestellt', address, done: true, action: null });
  }

  @Get(':id')
  @RequireMember()
  async show(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const { circular, targets, recipients, meeting, documents } = await this.circulars.show(viewer, id);
    res.render('circulars/show', {
      pageTitle: `Rundschreiben: ${circular.subject}`,
      subject: circular.subject,
      html: renderMarkdown(circular.text),
      documents: documentsView(meeting, documents),
      sender: circular.senderName,
      sentAt: formatDateTime(circular.createdAt),
      to: targets.map((t) => t.body?.name ?? t.organisation?.name ?? '').join(', '),
      bodyLinks: targets.filter((t) => t.body).map((t) => ({ href: `/gremien/${t.bodyId}/rundschreiben`, name: t.body?.name })),
      recipients: recipients?.map((r) => ({
        name: r.name,
        address: r.address ?? '–',
        deputy: r.asDeputy ? 'als Stellvertretung' : '',
        status: r.mail ? OUTBOX_STATUS_LABELS[r.mail.status] : (r.note ?? 'nicht verschickt'),
        reason: r.mail?.status === 'failed' ? (r.mail.lastError ?? '') : '',
      })),
    });
  }
}
