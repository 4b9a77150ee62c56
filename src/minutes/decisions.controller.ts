import { Controller, Get, Query, Render } from '@nestjs/common';
import { CurrentViewer, isMember, type Viewer } from '../auth/viewer.js';
import { pageRequest, pageView, queryString, queryText } from '../common/http/pagination.js';
import { tokens } from '../common/text/fold.js';
import { queryId } from './minutes-form-helpers.js';
import { MinutesRepository } from './minutes.repository.js';
import { DecisionsService } from './decisions.service.js';
import { agendaLabel, bodyOptionLabel, decisionView, minutesPath } from './minutes.view-model.js';
import { DateTime } from 'luxon';
import { ZONE } from '../common/dates.js';
import { MINUTES_STATUS_LABELS } from './minutes-labels.js';

const PAGE_SIZE = 25;

/** The decisions register (Beschlusssammlung): every decision the viewer may see, filtered. */
@Controller('beschluesse')
export class DecisionsController {
  constructor(
    private readonly decisions: DecisionsService,
    private readonly repository: MinutesRepository,
  ) {}

  @Get()
  @Render('decisions/index')
  async index(@Query('gremium') rawBody: unknown, @Query('jahr') rawYear: unknown, @Query('q') rawQ: unknown, @Query('page') rawPage: unknown, @CurrentViewer() viewer: Viewer) {
    const [bodies, years] = await Promise.all([this.repository.findBodyOptions(isMember(viewer)), this.decisions.years(viewer)]);
    // unknown or invisible values fall back to "all", never to an error
    const bodyIdRaw = queryId(rawBody);
    const bodyId = bodies.some((b) => b.id === bodyIdRaw) ? bodyIdRaw : undefined;
    const yearText = queryText(rawYear, 4);
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : undefined;
    const q = queryText(rawQ, 100);
    const req = pageRequest(rawPage, PAGE_SIZE);
    const [rows, total] = await this.decisions.register(viewer, { bodyId, year, words: tokens(q).slice(0, 8), offset: req.offset, limit: req.pageSize });
    return {
      pageTitle: 'Beschlüsse',
      filters: {
        q,
        bodies: bodies.map((b) => ({ value: String(b.id), label: bodyOptionLabel(b), selected: b.id === bodyId })),
        years: years.map((y) => ({ value: String(y), label: String(y), selected: y === year })),
        active: bodyId !== undefined || year !== undefined || q !== '',
      },
      loggedIn: isMember(viewer),
      decisions: rows.map((d) => ({
        ...decisionView(d, d.minutes.meetingId),
        bodyName: d.body.name,
        meetingText: `${d.minutes.meeting.title}, ${DateTime.fromJSDate(d.minutes.meeting.startsAt).setZone(ZONE).toFormat('dd.MM.yyyy')}`,
        href: `${minutesPath(d.minutes.meetingId)}#beschluss-${d.number}`,
        agendaText: agendaLabel(d.agendaItem),
        statusNote: d.minutes.status === 'approved' ? null : `Protokoll: ${MINUTES_STATUS_LABELS[d.minutes.status]}`,
      })),
      pager: pageView(req, total, (n) => `/beschluesse${queryString({ gremium: bodyId, jahr: year, q, page: n })}`),
    };
  }
}
