import { Controller, Get, Inject, Param, Query, Redirect, Render } from '@nestjs/common';
import { CurrentViewer, isMember, type Viewer } from '../auth/viewer.js';
import { todayInBerlin } from '../common/dates.js';
import { notFound } from '../common/errors/user-facing.js';
import { IdParamPipe } from '../common/http/id-param.pipe.js';
import { pageRequest, pageView, queryString, queryText } from '../common/http/pagination.js';
import { ATTENDED_LABELS, MEMBERSHIP_ROLE_LABELS, RSVP_RESPONSE_LABELS } from '../common/labels.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { personDisplayName } from '../people/person-name.js';
import { subscriptionLinks } from './subscription-links.js';
import { effectiveOnlineLink } from './location-view.js';
import { parseLocalDate } from '../common/berlin-time.js';
import { locationView } from './location-view.js';
import { type MeetingScope, MeetingsService } from './meetings.service.js';
import { MeetingEditorService } from './meeting-editor.service.js';
import { rsvpClosedReason } from './rsvp-rules.js';
import { RSVP_FORM } from './meetings.forms.js';
import { formView } from '../common/forms/form.js';
import { MinutesService } from '../minutes/minutes.service.js';
import { minutesLinkView } from '../minutes/minutes.view-model.js';
import { formatYearMonth, monthRange, monthView, parseYearMonth } from './month-view.js';
import { longDate, meetingListItem, shortDate, timeRangeLabel } from './meetings.view-model.js';
import { BodyPermissionsService } from '../auth/body-permissions.service.js';

const PAGE_SIZE = 20;

function parseBodyId(raw: unknown): number | undefined {
  const text = queryText(raw, 15);
  return /^[1-9]\d{0,14}$/.test(text) ? Number(text) : undefined;
}

@Controller('sitzungen')
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly editor: MeetingEditorService,
    private readonly minutes: MinutesService,
    private readonly permissions: BodyPermissionsService,
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
    const view = monthView(ym, meetings.filter((m) => m.startsAt >= from), today, bodyId);
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

  @Get(':id')
  @Render('meetings/show')
  async show(@Param('id', IdParamPipe) id: number, @CurrentViewer() viewer: Viewer) {
    const { meeting: m, agenda, attendance, viewerMemberships } = await this.meetings.detail(id, viewer);
    const online = effectiveOnlineLink(m, m.location);
    const canManage = await this.editor.canManage(viewer, m.bodyId);
    const base = `/sitzungen/${m.id}`;
    const open = m.state !== 'cancelled' && m.state !== 'held';
    const mine = viewer.kind === 'member' ? attendance?.rows.find((r) => r.membership.personId === viewer.personId) : undefined;
    const rsvpClosed = rsvpClosedReason(m, new Date());
    let rsvp = null;
    if (mine && viewerMemberships.length > 0) {
      const deputies = rsvpClosed ? [] : await this.meetings.deputyCandidates(m, mine.membership.personId);
      const options = { deputyPersonId: deputies.map((p) => ({ value: String(p.id), label: personDisplayName(p) })) };
      const current = mine.attendance;
      rsvp = {
        currentLabel: RSVP_RESPONSE_LABELS[current?.response ?? 'none'],
        closedReason: rsvpClosed,
        action: `${base}/antwort`,
        form: formView(
          RSVP_FORM,
          { response: current && current.response !== 'none' ? current.response : 'accepted', deputyPersonId: current?.deputyPersonId ? String(current.deputyPersonId) : '' },
          {},
          options,
        ),
      };
    }
    const minutesLink = minutesLinkView(await this.minutes.linkInfo(m, viewer));
    return {
      minutesLink,
      manage: canManage
        ? {
            editHref: m.state === 'cancelled' ? null : `${base}/bearbeiten`,
            agendaHref: `${base}/tagesordnung`,
            postponeHref: open ? `${base}/verschieben` : null,
            cancelHref: open ? `${base}/absagen` : null,
            inviteAction: open ? `${base}/einladen` : null,
            inviteLabel: m.state === 'invited' ? 'Einladung erneut verschicken' : 'Einladung verschicken',
            letterHref: `${base}/einladung`,
            mailHref: `${base}/versand`, // [mail] status of the meeting's mails (src/mail)
            heldAction: open && m.startsAt.getTime() <= Date.now() ? `${base}/stattgefunden` : null,
          }
        : null,
      rsvp,
      pageTitle: m.title,
      meeting: {
        ...meetingListItem(m),
        longDate: longDate(m.startsAt),
        timeLabel: timeRangeLabel(m.startsAt, m.endsAt),
        cancelReason: m.cancelReason,
        description: m.description,
        invitedOn: m.invitedAt ? shortDate(m.invitedAt) : null,
        onlineLink: online,
        location: m.location ? locationView(m.location) : null,
        icalHref: `/sitzungen/${m.id}/ical`,
      },
      agenda: agenda.map((a) => ({
        number: a.number,
        isSub: a.number.includes('.'),
        title: a.title,
        description: a.description,
        presenter: a.presenter,
        plannedMinutes: a.plannedMinutes,
        isInternal: !a.isPublic,
      })),
      attendance: attendance
        ? {
            rows: attendance.rows.map((r) => ({
              name: personDisplayName(r.membership.person),
              personHref: `/personen/${r.membership.personId}`,
              roleLabel: MEMBERSHIP_ROLE_LABELS[r.membership.role],
              voting: r.membership.votingRight,
              responseLabel: RSVP_RESPONSE_LABELS[r.attendance?.response ?? 'none'],
              deputyName: r.attendance?.deputyPerson ? personDisplayName(r.attendance.deputyPerson) : null,
              attendedLabel: r.attendance?.attended ? ATTENDED_LABELS[r.attendance.attended] : null,
            })),
            quorum: attendance.quorum,
            quorumRule: attendance.quorumRule,
            accepted: attendance.rows.filter((r) => r.attendance?.response === 'accepted').length,
          }
        : null,
      bodyFeed: subscriptionLinks(this.config.baseUrl, `/gremien/${m.bodyId}/sitzungen.ics`),
      isMember: isMember(viewer),
    };
  }
}
