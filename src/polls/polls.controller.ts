import { Body, Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequireMember } from '../auth/access.js';
import { noStore } from '../auth/session-helpers.js';
import { CurrentViewer, type Viewer } from '../auth/viewer.js';
import { FormRejected, type FormErrors, readForm } from '../common/forms/form.js';
import { IdParamPipe } from '../common/http/id-param.pipe.js';
import { personDisplayName } from '../people/person-name.js';
import type { PollAnswer } from './date-poll.entity.js';
import { parseAnswer } from './poll-rules.js';
import { type AnswerInput, type PollData, PollsService } from './polls.service.js';
import { answerPage, matrixPage, newPollPage, POLL_FORM, pollListPage, rowCount, slotRows, votesOf } from './polls.view-model.js';

function record(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}

/** The answers of the answer form: "slot-<id>" → yes | maybe | no, and the comment. */
export function answerInput(body: unknown): AnswerInput {
  const source = record(body);
  const votes = new Map<number, PollAnswer>();
  for (const [key, value] of Object.entries(source)) {
    const m = /^slot-([1-9]\d{0,9})$/.exec(key);
    const answer = parseAnswer(value);
    if (m && answer) votes.set(Number(m[1]), answer);
  }
  const comment = typeof source.comment === 'string' ? source.comment : null;
  return { votes, comment };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function answerErrors(e: FormRejected): FormErrors<'answers' | 'comment' | 'forPersonId'> {
  return e.errors;
}

/** /gremien/:id/terminumfragen: a body's polls; the chair's new-poll form. */
@Controller('gremien/:bodyId/terminumfragen')
@RequireMember()
export class BodyPollsController {
  constructor(private readonly polls: PollsService) {}

  @Get()
  @Render('polls/index')
  async index(@Param('bodyId', IdParamPipe) bodyId: number, @CurrentViewer() viewer: Viewer) {
    const { body, polls, canManage } = await this.polls.listForBody(viewer, bodyId);
    return pollListPage(body, polls, canManage, new Date());
  }

  @Get('neu')
  @Render('polls/new')
  async newForm(@Param('bodyId', IdParamPipe) bodyId: number, @CurrentViewer() viewer: Viewer) {
    const { body, locations } = await this.polls.forCreating(viewer, bodyId);
    return newPollPage(body, { title: `Sitzung ${body.shortName ?? body.name}` }, {}, locations.map((l) => ({ value: String(l.id), label: l.name })), rowCount([], false));
  }

  @Post('neu')
  async create(@Param('bodyId', IdParamPipe) bodyId: number, @Body() raw: unknown, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const { body, locations } = await this.polls.forCreating(viewer, bodyId);
    const values = readForm(POLL_FORM, raw);
    const rows = slotRows(values);
    const places = locations.map((l) => ({ value: String(l.id), label: l.name }));
    const source = record(raw);
    if (source.mehr !== undefined) {
      res.status(200).render('polls/new', newPollPage(body, values, {}, places, rowCount(rows, true)));
      return;
    }
    const errors: Record<string, string> = {};
    const title = values.title.trim();
    if (title === '') errors.title = 'Bitte einen Titel angeben.';
    else if (title.length > 200) errors.title = 'Der Titel darf höchstens 200 Zeichen lang sein.';
    if (values.note.length > 2000) errors.note = 'Der Hinweis darf höchstens 2000 Zeichen lang sein.';
    try {
      if (Object.keys(errors).length > 0) throw new FormRejected(errors);
      const outcome = await this.polls.create(viewer, bodyId, { title, note: values.note.trim() || null, deadline: values.deadline, rows }, source.trotzdem === 'on');
      if (!outcome.saved) {
        res.status(200).render('polls/new', newPollPage(body, values, {}, places, rowCount(rows, false), outcome.warnings));
        return;
      }
      res.redirect(303, `/terminumfragen/${outcome.poll.id}/auswertung?angelegt=${outcome.mailed}`);
    } catch (e) {
      if (!(e instanceof FormRejected)) throw e;
      res.status(422).render('polls/new', newPollPage(body, values, { ...errors, ...e.errors }, places, rowCount(rows, false)));
    }
  }
}

/** /terminumfragen/:id: answering as a logged-in member; the chair's matrix, closing and picking. */
@Controller('terminumfragen')
@RequireMember()
export class PollsController {
  constructor(private readonly polls: PollsService) {}

  private forOptions(data: PollData, viewerPersonId: number): { value: string; label: string }[] {
    const self = data.seats.find((s) => s.person.id === viewerPersonId);
    return [...(self ? [{ value: String(self.person.id), label: `mich selbst (${personDisplayName(self.person)})` }] : []), ...data.representable.map((s) => ({ value: String(s.person.id), label: `${personDisplayName(s.person)} (als Vertretung)` }))];
  }

  private memberAnswerPage(data: PollData, viewerPersonId: number | null, overrides: Partial<Parameters<typeof answerPage>[0]> = {}): Record<string, unknown> {
    const own = data.responses.find((r) => r.personId === data.ownPersonId);
    const self = data.seats.find((s) => s.person.id === data.ownPersonId);
    return answerPage({
      data,
      personName: self ? personDisplayName(self.person) : '',
      action: `/terminumfragen/${data.poll.id}/antwort`,
      current: votesOf(own),
      comment: own?.comment ?? '',
      saved: false,
      errors: {},
      forOptions: viewerPersonId !== null && data.ownPersonId !== null ? this.forOptions(data, viewerPersonId) : null,
      forPersonId: data.ownPersonId !== null ? String(data.ownPersonId) : '',
      answeredByDeputy: own?.answeredBy ? `Zuletzt beantwortet durch Ihre Vertretung ${personDisplayName(own.answeredBy)}.` : null,
      viaLink: false,
      now: new Date(),
      ...overrides,
    });
  }

  @Get(':id')
  async show(@Param('id', IdParamPipe) id: number, @Query('gespeichert') saved: unknown, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const data = await this.polls.poll(viewer, id);
    const personId = viewer.kind === 'member' ? viewer.personId : null;
    res.render('polls/answer', { ...this.memberAnswerPage(data, personId, { saved: saved === '1' }), isMember: data.ownPersonId !== null });
  }

  @Post(':id/antwort')
  async answer(@Param('id', IdParamPipe) id: number, @Body() raw: unknown, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const input = answerInput(raw);
    const forRaw = text(record(raw).forPersonId);
    const forPersonId = /^[1-9]\d{0,9}$/.test(forRaw) ? Number(forRaw) : null;
    try {
      await this.polls.answerAsMember(viewer, id, forPersonId, input);
      res.redirect(303, `/terminumfragen/${id}?gespeichert=1`);
    } catch (e) {
      if (!(e instanceof FormRejected)) throw e;
      const data = await this.polls.poll(viewer, id);
      const personId = viewer.kind === 'member' ? viewer.personId : null;
      res.status(422).render('polls/answer', {
        ...this.memberAnswerPage(data, personId, { current: input.votes, comment: input.comment ?? '', errors: answerErrors(e), forPersonId: forRaw }),
        isMember: true,
      });
    }
  }

  @Get(':id/auswertung')
  async matrix(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const data = await this.polls.poll(viewer, id);
    if (!data.canManage) {
      res.redirect(303, `/terminumfragen/${id}`);
      return;
    }
    const warnings = await this.polls.savedSlotWarnings(data.poll.bodyId, data.slots);
    res.render('polls/matrix', matrixPage(data, new Date(), warnings));
  }

  @Post(':id/schliessen')
  async close(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    await this.polls.close(viewer, id);
    res.redirect(303, `/terminumfragen/${id}/auswertung`);
  }

  @Post(':id/festlegen')
  async pick(@Param('id', IdParamPipe) id: number, @Body() raw: unknown, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    const source = record(raw);
    const slotRaw = text(source.slotId);
    const slotId = /^[1-9]\d{0,9}$/.test(slotRaw) ? Number(slotRaw) : 0;
    try {
      const { meetingId } = await this.polls.pick(viewer, id, slotId, source.einladen === 'on');
      res.redirect(303, `/sitzungen/${meetingId}`);
    } catch (e) {
      if (!(e instanceof FormRejected)) throw e;
      const data = await this.polls.poll(viewer, id);
      const warnings = await this.polls.savedSlotWarnings(data.poll.bodyId, data.slots);
      res.status(422).render('polls/matrix', matrixPage(data, new Date(), warnings, e.errors.slotId ?? 'Bitte einen der vorgeschlagenen Termine wählen.'));
    }
  }
}

/** /umfrage/<token>: answering a poll from the personal link in the mail, without logging in. */
@Controller('umfrage')
export class PollLinkController {
  constructor(private readonly polls: PollsService) {}

  @Get(':token')
  async show(@Param('token') token: string, @Query('gespeichert') saved: unknown, @Res() res: Response): Promise<void> {
    const { data, person } = await this.polls.linkContext(token);
    noStore(res);
    res.setHeader('X-Robots-Tag', 'noindex');
    const own = data.responses.find((r) => r.personId === person.id);
    res.render(
      'polls/answer',
      answerPage({
        data,
        personName: personDisplayName(person),
        action: `/umfrage/${token}`,
        current: votesOf(own),
        comment: own?.comment ?? '',
        saved: saved === '1',
        errors: {},
        forOptions: null,
        forPersonId: '',
        answeredByDeputy: own?.answeredBy ? `Zuletzt beantwortet durch Ihre Vertretung ${personDisplayName(own.answeredBy)}.` : null,
        viaLink: true,
        now: new Date(),
      }),
    );
  }

  @Post(':token')
  async answer(@Param('token') token: string, @Body() raw: unknown, @Res() res: Response): Promise<void> {
    noStore(res);
    res.setHeader('X-Robots-Tag', 'noindex');
    const input = answerInput(raw);
    try {
      await this.polls.answerByLink(token, input);
      res.redirect(303, `/umfrage/${token}?gespeichert=1`);
    } catch (e) {
      if (!(e instanceof FormRejected)) throw e;
      const { data, person } = await this.polls.linkContext(token);
      res.status(422).render(
        'polls/answer',
        answerPage({
          data,
          personName: personDisplayName(person),
          action: `/umfrage/${token}`,
          current: input.votes,
          comment: input.comment ?? '',
          saved: false,
          errors: answerErrors(e),
          forOptions: null,
          forPersonId: '',
          answeredByDeputy: null,
          viaLink: true,
          now: new Date(),
        }),
      );
    }
  }
}
