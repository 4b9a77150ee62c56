import { Controller, Get, Inject, Param, Query, Redirect, Render } from '@nestjs/common';
import { CurrentViewer, isMember, type Viewer } from '../auth/viewer.js';
import { todayInBerlin } from '../common/dates.js';
import { notFound } from '../common/errors/user-facing.js';
import { pageRequest, pageView, queryString, queryText } from '../common/http/pagination.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { subscriptionLinks } from './subscription-links.js';
import { parseLocalDate } from '../common/berlin-time.js';
import { type MeetingScope, MeetingsService } from './meetings.service.js';
import { formatYearMonth, monthRange, monthView, parseYearMonth } from './month-view.js';
import { meetingListItem } from './meetings.view-model.js';
import { BodyPolicyService } from '../bodies/body-policy.service.js';

const PAGE_SIZE = 20;

function parseBodyId(raw: unknown): number | undefined {
  const text = queryText(raw, 15);
  return /^[1-9]\d{0,14}$/.test(text) ? Number(text) : undefined;
}

@Controller('sitzungen')
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly permissions: BodyPolicyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Render('meetings/index')
  async index(
    @CurrentViewer() viewer: Viewer,
    @Query('gremium') rawBody: unknown,
    @Query('zeit') rawScope: unknown,
    @Query('page') rawPage: unknown,
    @Query('monat') rawMonth: unknown,
  ) {
    const bodies = await this.meetings.bodies(viewer);
    const requested = parseBodyId(rawBody);
    const bodyId = bodies.some((b) => b.id === requested) ? requested : undefined;
    const month = parseYearMonth(rawMonth);
    if (month) {
      // ?monat=2026-03 is the month view; the page has its own address.
      return this.monthModel(viewer, formatYearMonth(month), bodyId);
    }
    const scope: MeetingScope = queryText(rawScope, 20) === 'vergangen' ? 'past' : 'upcoming';
    const req = pageRequest(rawPage, PAGE_SIZE);
    const [items, total] = await this.meetings.list(viewer, { scope, bodyId, offset: req.offset, limit: req.pageSize });
    const body = bodies.find((b) => b.id === bodyId);
    const manageable = isMember(viewer) ? await this.permissions.manageableBodyIds(viewer) : [];
    const feedPath = bodyId === undefined ? '/kalender/oeffentlich.ics' : `/gremien/${bodyId}/sitzungen.ics`;
    return {
      pageTitle: scope === 'past' ? 'Vergangene Sitzungen' : 'Sitzungen',
      heading: `${scope === 'past' ? 'Vergangene Sitzungen' : 'Kommende Sitzungen'}${body ? `: ${body.name}` : ''}`,
      isMonth: false,
      meetings: items.map(meetingListItem),
      bodies: bodies.map((b) => ({ value: b.id, label: b.name, selected: b.id === bodyId })),
      scopeLinks: [
        { href: `/sitzungen${queryString({ gremium: bodyId })}`, label: 'Kommende', current: scope === 'upcoming' },
        { href: `/sitzungen${queryString({ gremium: bodyId, zeit: 'vergangen' })}`, label: 'Vergangene', current: scope === 'past' },
        { href: `/sitzungen/monat/${todayInBerlin().slice(0, 7)}${queryString({ gremium: bodyId })}`, label: 'Monatsansicht', current: false },
      ],
      scopeValue: scope === 'past' ? 'vergangen' : '',
      emptyText: scope === 'past' ? 'Keine vergangenen Sitzungen gefunden.' : 'Keine kommenden Sitzungen geplant.',
      pager: pageView(req, total, (n) => `/sitzungen${queryString({ gremium: bodyId, zeit: scope === 'past' ? 'vergangen' : undefined, page: n })}`),
      feed: { ...subscriptionLinks(this.config.baseUrl, feedPath), name: body ? body.name : 'alle öffentlichen Sitzungen' },
      isMember: isMember(viewer),
      // Chairs, deputies, secretaries and admins plan meetings from here.
      planLinks: manageable === 'all' || manageable.length > 0 ? { newHref: '/sitzungen/neu', seriesHref: '/sitzungen/serie/neu', locationsHref: '/orte' } : null,
    };
  }

  @Get('monat')
  @Redirect()
  currentMonth() {
    return { url: `/sitzungen/monat/${todayInBerlin().slice(0, 7)}`, statusCode: 302 };
  }

  @Get('monat/:month')
  @Render('meetings/index')
  async month(@CurrentViewer() viewer: Viewer, @Param('month') rawMonth: string, @Query('gremium') rawBody: unknown) {
    if (!parseYearMonth(rawMonth)) throw notFound('Diesen Monat gibt es nicht. Bitte im Format JJJJ-MM angeben, z. B. 2026-03.');
    const bodies = await this.meetings.bodies(viewer);
    const requested = parseBodyId(rawBody);
    return this.monthModel(viewer, rawMonth, bodies.some((b) => b.id === requested) ? requested : undefined);
  }

  private async monthModel(viewer: Viewer, rawMonth: string, bodyId: number | undefined) {
    const ym = parseYearMonth(rawMonth);
    if (!ym) throw notFound('Diesen Monat gibt es nicht.');
    const { from, to } = monthRange(ym);
    const [meetings, bodies] = await Promise.all([this.meetings.between(viewer, from, to, bodyId), this.meetings.bodies(viewer)]);
    const todayParsed = parseLocalDate(todayInBerlin());
    const today = todayParsed.ok ? todayParsed.value : { year: ym.year, month: ym.month, day: 1 };
    const view = monthView(ym, meetings.filter((m) => m.startsAt >= from), today, this.config.region, bodyId);
    const body = bodies.find((b) => b.id === bodyId);
    return {
      pageTitle: `Sitzungen im ${view.caption}`,
      heading: `Sitzungen im ${view.caption}${body ? `: ${body.name}` : ''}`,
      isMonth: true,
      month: view,
      monthValue: formatYearMonth(ym),
      meetings: meetings.filter((m) => m.startsAt >= from).map(meetingListItem),
      bodies: bodies.map((b) => ({ value: b.id, label: b.name, selected: b.id === bodyId })),
      scopeLinks: [
        { href: `/sitzungen${queryString({ gremium: bodyId })}`, label: 'Kommende', current: false },
        { href: `/sitzungen${queryString({ gremium: bodyId, zeit: 'vergangen' })}`, label: 'Vergangene', current: false },
        { href: view.currentHref, label: 'Monatsansicht', current: true },
      ],
      emptyText: 'In diesem Monat sind keine Sitzungen eingetragen.',
      feed: {
        ...subscriptionLinks(this.config.baseUrl, bodyId === undefined ? '/kalender/oeffentlich.ics' : `/gremien/${bodyId}/sitzungen.ics`),
        name: body ? body.name : 'alle öffentlichen Sitzungen',
      },
      isMember: isMember(viewer),
    };
  }
}
