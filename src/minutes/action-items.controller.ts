import { Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequireMember } from '../auth/access.js';
import { CurrentViewer, type MemberViewer, type Viewer } from '../auth/viewer.js';
import { todayInBerlin } from '../common/dates.js';
import { IdParamPipe } from '../common/http/id-param.pipe.js';
import { pageRequest, pageView, queryString, queryText } from '../common/http/pagination.js';
import { personDisplayName } from '../people/person-name.js';
import { ActionItemsService } from './action-items.service.js';
import { queryId } from './minutes-form-helpers.js';
import { MinutesRepository } from './minutes.repository.js';
import { actionItemView, bodyOptionLabel } from './minutes.view-model.js';

const PAGE_SIZE = 30;
const STATES = { offen: 'open', ueberfaellig: 'overdue', erledigt: 'done', alle: 'all' } as const;
type StateParam = keyof typeof STATES;
const STATE_LABELS: Record<StateParam, string> = { offen: 'Offen', ueberfaellig: 'Überfällig', erledigt: 'Erledigt', alle: 'Alle' };

/** Action items across all bodies (members only): open and overdue first, filters, "Meine Aufgaben", mark done. */
@Controller('aufgaben')
@RequireMember()
export class ActionItemsController {
  constructor(
    private readonly actionItems: ActionItemsService,
    private readonly repository: MinutesRepository,
  ) {}

  @Get()
  @Render('action-items/index')
  async index(
    @Query('gremium') rawBody: unknown,
    @Query('person') rawPerson: unknown,
    @Query('organisation') rawOrg: unknown,
    @Query('status') rawState: unknown,
    @Query('meine') rawMine: unknown,
    @Query('page') rawPage: unknown,
    @CurrentViewer() viewer: Viewer,
  ) {
    const member = viewer as MemberViewer;
    const [bodies, people, organisations] = await Promise.all([
      this.repository.findBodyOptions(true),
      this.repository.findPeopleOptions(),
      this.repository.findOrganisationOptions(),
    ]);
    const pick = <T extends { id: number }>(list: T[], raw: unknown): number | undefined => {
      const id = queryId(raw);
      return list.some((x) => x.id === id) ? id : undefined;
    };
    const mine = queryText(rawMine, 2) === '1' && member.personId !== null;
    const bodyId = pick(bodies, rawBody);
    const personId = mine ? (member.personId ?? undefined) : pick(people, rawPerson);
    const organisationId = mine ? undefined : pick(organisations, rawOrg);
    const stateText = queryText(rawState, 20);
    const state: StateParam = stateText in STATES ? (stateText as StateParam) : 'offen';
    const req = pageRequest(rawPage, PAGE_SIZE);
    const [rows, total] = await this.actionItems.list(viewer, { bodyId, personId, organisationId, state: STATES[state], offset: req.offset, limit: req.pageSize });
    const today = todayInBerlin();
    const base = { gremium: bodyId, person: mine ? undefined : personId, organisation: organisationId, meine: mine ? 1 : undefined };
    return {
      pageTitle: mine ? 'Meine Aufgaben' : 'Aufgaben',
      heading: mine ? 'Meine Aufgaben' : 'Aufgaben aus allen Gremien',
      mine,
      canHaveMine: member.personId !== null,
      mineHref: '/aufgaben?meine=1',
      allHref: '/aufgaben',
      tabs: (Object.keys(STATES) as StateParam[]).map((s) => ({ label: STATE_LABELS[s], href: `/aufgaben${queryString({ ...base, status: s === 'offen' ? undefined : s })}`, current: s === state })),
      stateParam: state === 'offen' ? '' : state,
      filters: {
        bodies: bodies.map((b) => ({ value: String(b.id), label: bodyOptionLabel(b), selected: b.id === bodyId })),
        people: people.map((p) => ({ value: String(p.id), label: personDisplayName(p), selected: !mine && p.id === personId })),
        organisations: organisations.map((o) => ({ value: String(o.id), label: o.name, selected: o.id === organisationId })),
      },
      items: rows.map((a) => {
        const v = actionItemView(a, today);
        return { ...v, canMark: true, returnTo: `/aufgaben${queryString({ ...base, status: state === 'offen' ? undefined : state, page: req.page > 1 ? req.page : undefined })}` };
      }),
      pager: pageView(req, total, (n) => `/aufgaben${queryString({ ...base, status: state === 'offen' ? undefined : state, page: n })}`),
    };
  }

  @Post(':id/erledigt')
  async done(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    await this.actionItems.setDone(id, viewer, true);
    res.redirect(303, '/aufgaben');
  }

  @Post(':id/offen')
  async reopen(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer, @Res() res: Response): Promise<void> {
    await this.actionItems.setDone(id, viewer, false);
    res.redirect(303, '/aufgaben?status=erledigt');
  }
}
