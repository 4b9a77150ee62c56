import { DateTime } from 'luxon';
import { Body } from '../src/bodies/body.entity.js';
import { Membership } from '../src/bodies/membership.entity.js';
import { berlinDay, ZONE } from '../src/common/dates.js';
import { agendaNumbers } from '../src/meetings/agenda.js';
import { AgendaItem } from '../src/meetings/agenda-item.entity.js';
import { Attendance, type RsvpResponse } from '../src/meetings/attendance.entity.js';
import { addDays, berlinToUtc, isoDate, type LocalDate } from '../src/common/berlin-time.js';
import { holidayOn } from '../src/meetings/holidays.js';
import { Location } from '../src/meetings/location.entity.js';
import { isCurrentMembership } from '../src/bodies/current-membership.js';
import { Meeting, type MeetingState } from '../src/meetings/meeting.entity.js';
import { nthWeekdayOfMonth } from '../src/meetings/series.js';
import type { SeedContext } from './seed-context.js';

/**
 * Demo meetings for every body: held ones in the past months and planned ones in the coming
 * months, each with an agenda; the Begleitbeirat meets as a series (every second Tuesday);
 * one meeting of the Netzwerk Migration is postponed and one of the Runder Tisch Asyl cancelled;
 * members have answered the next invitations. Fictional, example.org only.
 *
 * Deterministic and re-runnable: meetings are found by their calendar UID ("demo-<body>-<n>@…"),
 * dates follow fixed rules relative to the month of the first run, answers follow the members' order.
 */

const DEMO_UID_HOST = 'demo.netzwerk-migration.example.org';

interface LocationSeed {
  key: string;
  name: string;
  room?: string;
  street?: string;
  postalCode?: string;
  locality?: string;
  accessibilityNotes?: string;
  onlineLink?: string;
}

const LOCATIONS: LocationSeed[] = [
  {
    key: 'stadthaus',
    name: 'Stadthaus, Demmlersaal',
    room: '1.001',
    street: 'Am Packhof 2-6',
    postalCode: '19053',
    locality: 'Schwerin',
    accessibilityNotes: 'Stufenloser Zugang über den Haupteingang, Aufzug C, barrierefreies WC im Erdgeschoss. Induktionsschleife auf Anfrage.',
  },
  {
    key: 'begegnung',
    name: 'Haus der Begegnung (Beispiel)',
    street: 'Perleberger Straße 22',
    postalCode: '19063',
    locality: 'Schwerin',
    accessibilityNotes: 'Erdgeschoss, stufenlos erreichbar.',
  },
  {
    key: 'online',
    name: 'Videokonferenz',
    onlineLink: 'https://meet.example.org/netzwerk-migration',
  },
  {
    key: 'rostock',
    name: 'Rathaus Rostock (Beispiel), Festsaal',
    street: 'Neuer Markt 1',
    postalCode: '18055',
    locality: 'Rostock',
    accessibilityNotes: 'Zugang über den Seiteneingang mit Rampe.',
  },
];

interface BodyPlan {
  code: string;
  /** n-th (1–4, −1 = last) weekday of the month. */
  ordinal: 1 | 2 | 3 | 4 | -1;
  weekday: number;
  start: [number, number];
  minutes: number;
  location: string;
  /** Month offsets from the current month: negative = past (held), positive = planned. */
  months: number[];
  title: (n: number, year: number) => string;
  agenda: AgendaSeed[];
}

interface AgendaSeed {
  title: string;
  level?: 0 | 1;
  presenter?: string;
  minutes?: number;
  internal?: boolean;
  description?: string;
}

const COMMON_START: AgendaSeed[] = [
  { title: 'Begrüßung und Feststellung der Tagesordnung', minutes: 5 },
  { title: 'Genehmigung des Protokolls der letzten Sitzung', minutes: 5 },
];

const PLANS: BodyPlan[] = [
  {
    code: 'BB',
    ordinal: 2,
    weekday: 2,
    start: [17, 0],
    minutes: 120,
    location: 'stadthaus',
    months: [-3, -2, -1, 1, 2, 3],
    title: (n, year) => `${n}. Sitzung ${year}`,
    agenda: [
      ...COMMON_START,
      { title: 'Bericht der Servicestelle Integration', presenter: 'Geschäftsführung', minutes: 20 },
      { title: 'Fortschreibung des Integrationskonzeptes', minutes: 45, description: 'Beratung des Entwurfs; Unterlagen gehen mit der Einladung zu.' },
      { title: 'Handlungsfeld Sprache', level: 1, minutes: 15 },
      { title: 'Handlungsfeld Arbeit und Ausbildung', level: 1, minutes: 15 },
      { title: 'Personalangelegenheiten der Geschäftsstelle', minutes: 10, internal: true },
      { title: 'Verschiedenes', minutes: 5 },
    ],
  },
  {
    code: 'NM',
    ordinal: 1,
    weekday: 3,
    start: [15, 0],
    minutes: 120,
    location: 'stadthaus',
    months: [-4, -1, 1, 4],
    title: (n, year) => `Netzwerktreffen ${n}/${year}`,
    agenda: [
      ...COMMON_START,
      { title: 'Neues aus den Mitgliedsorganisationen', minutes: 40 },
      { title: 'Interkulturelle Woche: Planung und Aufgaben', minutes: 30, presenter: 'Servicestelle Integration' },
      { title: 'Verschiedenes', minutes: 10 },
    ],
  },
  {
    code: 'RTA',
    ordinal: -1,
    weekday: 4,
    start: [16, 0],
    minutes: 90,
    location: 'begegnung',
    months: [-2, -1, 1, 2],
    title: (n, year) => `Runder Tisch ${n}/${year}`,
    agenda: [
      ...COMMON_START,
      { title: 'Lage in den Gemeinschaftsunterkünften', minutes: 30 },
      { title: 'Einzelfälle (nicht öffentlich)', minutes: 30, internal: true },
      { title: 'Verschiedenes', minutes: 10 },
    ],
  },
  {
    code: 'AB',
    ordinal: 3,
    weekday: 1,
    start: [18, 0],
    minutes: 90,
    location: 'begegnung',
    months: [-3, -1, 2],
    title: (n, year) => `Bündnistreffen ${n}/${year}`,
    agenda: [...COMMON_START, { title: 'Aktionstage gegen Rassismus: Vorbereitung', minutes: 45 }, { title: 'Verschiedenes', minutes: 10 }],
  },
  {
    code: 'KIB',
    ordinal: 2,
    weekday: 5,
    start: [10, 0],
    minutes: 240,
    location: 'rostock',
    months: [-4, 2],
    title: (n, year) => `Konferenz ${n}/${year}`,
    agenda: [
      { title: 'Begrüßung durch die gastgebende Kommune', minutes: 15 },
      { title: 'Bericht aus dem Landesintegrationsbeirat', minutes: 45 },
      { title: 'Austausch der Kommunen: Unterbringung und Integration', minutes: 90 },
      { title: 'Verschiedenes', minutes: 15 },
    ],
  },
  {
    code: 'AGSB',
    ordinal: 1,
    weekday: 2,
    start: [14, 0],
    minutes: 90,
    location: 'online',
    months: [-2, -1, 1, 2],
    title: (n, year) => `AG-Treffen ${n}/${year}`,
    agenda: [{ title: 'Wartelisten der Integrationskurse', minutes: 30 }, { title: 'Sprachkitas: Erfahrungen der Träger', minutes: 40 }, { title: 'Verschiedenes', minutes: 10 }],
  },
  {
    code: 'AKGM',
    ordinal: 4,
    weekday: 3,
    start: [16, 30],
    minutes: 90,
    location: 'begegnung',
    months: [-3, -1, 1],
    title: (n, year) => `Arbeitskreistreffen ${n}/${year}`,
    agenda: [{ title: 'Sprachmittlung in Arztpraxen', minutes: 40 }, { title: 'Psychosoziale Beratung: Angebote in Schwerin', minutes: 30 }, { title: 'Verschiedenes', minutes: 10 }],
  },
  {
    code: 'FEF',
    ordinal: 1,
    weekday: 4,
    start: [18, 0],
    minutes: 90,
    location: 'begegnung',
    months: [-2, -1, 1, 3],
    title: (n, year) => `Forum ${n}/${year}`,
    agenda: [{ title: 'Erfahrungsaustausch der Ehrenamtlichen', minutes: 45 }, { title: 'Fortbildung: Umgang mit Behördenpost', minutes: 30, presenter: 'Servicestelle Integration' }],
  },
];

/** A meeting date: the n-th weekday of the month, moved a week on when it falls on a public holiday. */
function meetingDate(year: number, month: number, plan: BodyPlan): LocalDate {
  const date = nthWeekdayOfMonth(year, month, plan.ordinal, plan.weekday);
  // the demo network is the one in Schwerin, Mecklenburg-Vorpommern
  return holidayOn(date, 'MV') ? addDays(date, 7) : date;
}

function at(date: LocalDate, hour: number, minute: number): Date {
  const r = berlinToUtc(date, { hour, minute });
  if (!r.ok) throw new Error(`Demo meetings: ${isoDate(date)} ${hour}:${minute} does not exist in Berlin`);
  return r.value.instant;
}

const RESPONSES: RsvpResponse[] = ['accepted', 'accepted', 'declined', 'tentative', 'accepted', 'none', 'accepted'];

async function ensureLocations(ctx: SeedContext): Promise<Map<string, Location>> {
  const repo = ctx.manager.getRepository(Location);
  const result = new Map<string, Location>();
  for (const { key, ...seed } of LOCATIONS) {
    let found = await repo.findOne({ where: { name: seed.name } });
    if (!found) {
      found = await repo.save(repo.create({ room: null, street: null, postalCode: null, locality: null, accessibilityNotes: null, onlineLink: null, ...seed }));
      ctx.created++;
    }
    result.set(key, found);
  }
  return result;
}

/** Answers of the body's current members (in the order of their memberships), deputies from the deputy members. */
async function seedAnswers(ctx: SeedContext, meeting: Meeting, memberships: Membership[], held: boolean): Promise<void> {
  const day = berlinDay(meeting.startsAt);
  const current = memberships.filter((m) => isCurrentMembership(m, day));
  const deputies = current.filter((m) => m.role === 'deputy_member');
  const seen = new Set<number>();
  const rows: Partial<Attendance>[] = [];
  for (const [i, ms] of current.entries()) {
    if (seen.has(ms.personId)) continue;
    seen.add(ms.personId);
    let response = RESPONSES[i % RESPONSES.length];
    if (held && (response === 'tentative' || response === 'none')) response = 'accepted';
    const deputy = response === 'declined' && ms.votingRight ? deputies[i % Math.max(1, deputies.length)] : undefined;
    rows.push({
      meetingId: meeting.id,
      personId: ms.personId,
      invitedAt: meeting.invitedAt,
      response,
      respondedAt: response === 'none' ? null : new Date(Math.min(meeting.startsAt.getTime() - 2 * 86_400_000, Date.now())),
      deputyPersonId: deputy && deputy.personId !== ms.personId ? deputy.personId : null,
    });
  }
  // The meeting was just created, so it has no answers yet; chunks keep SQLite's variable limit.
  for (let i = 0; i < rows.length; i += 50) await ctx.manager.getRepository(Attendance).insert(rows.slice(i, i + 50));
  ctx.created += rows.length;
}

export async function seedDemoMeetings(ctx: SeedContext, now: Date = new Date()): Promise<void> {
  const m = ctx.manager;
  const locations = await ensureLocations(ctx);
  const today = DateTime.fromJSDate(now).setZone(ZONE).startOf('month');
  for (const plan of PLANS) {
    const body = await m.getRepository(Body).findOne({ where: { code: plan.code } });
    if (!body) continue;
    const memberships = await m.getRepository(Membership).find({ where: { bodyId: body.id }, order: { id: 'ASC' } });
    const location = locations.get(plan.location) ?? null;
    const perYear = new Map<number, number>();
    for (const [index, offset] of plan.months.entries()) {
      const month = today.plus({ months: offset });
      const date = meetingDate(month.year, month.month, plan);
      const n = (perYear.get(date.year) ?? 0) + 1;
      perYear.set(date.year, n);
      const uid = `demo-${plan.code.toLowerCase()}-${index + 1}@${DEMO_UID_HOST}`;
      if (await m.getRepository(Meeting).findOne({ where: { uid } })) continue;

      let startsAt = at(date, plan.start[0], plan.start[1]);
      let endsAt = new Date(startsAt.getTime() + plan.minutes * 60_000);
      const past = endsAt.getTime() < now.getTime();
      let state: MeetingState = past ? 'held' : 'scheduled';
      let sequence = past ? 2 : 0;
      let description: string | null = null;
      let cancelReason: string | null = null;
      const firstUpcoming = !past && plan.months.filter((o) => o > 0)[0] === offset;
      const invitedAt = past || firstUpcoming ? new Date(Math.min(startsAt.getTime() - body.noticePeriodDays * 86_400_000, now.getTime())) : null;
      if (invitedAt && !past) {
        state = 'invited';
        sequence = 1;
      }
      // One postponed meeting: the Netzwerk Migration moves its next meeting a week on.
      if (plan.code === 'NM' && firstUpcoming) {
        const original = startsAt;
        startsAt = at(addDays(date, 7), plan.start[0], plan.start[1]);
        endsAt = new Date(startsAt.getTime() + plan.minutes * 60_000);
        sequence += 1;
        description = `Verschoben vom ${DateTime.fromJSDate(original).setZone(ZONE).toFormat('dd.MM.yyyy')}: Der Demmlersaal ist an diesem Tag belegt.`;
      }
      // One cancelled meeting: the Runder Tisch Asyl drops its second planned meeting.
      if (plan.code === 'RTA' && !past && !firstUpcoming) {
        state = 'cancelled';
        sequence += 1;
        cancelReason = 'Der Sitzungsraum steht nicht zur Verfügung. Das nächste Treffen findet wie geplant statt.';
      }
      const meeting = await m.getRepository(Meeting).save(
        m.getRepository(Meeting).create({
          bodyId: body.id,
          title: plan.title(n, date.year),
          description,
          startsAt,
          endsAt,
          locationId: location?.id ?? null,
          onlineLink: null,
          state,
          cancelReason,
          invitedAt,
          uid,
          sequence,
          isPublic: body.isPublic,
          // The Begleitbeirat meets as a series: every second Tuesday of the month.
          seriesId: plan.code === 'BB' ? 'demo-series-begleitbeirat' : null,
        }),
      );
      ctx.created++;
      const numbers = agendaNumbers(plan.agenda.map((a) => ({ level: a.level ?? 0 })));
      await m.getRepository(AgendaItem).insert(
        plan.agenda.map((item, position) => ({
          meetingId: meeting.id,
          number: numbers[position],
          position,
          level: item.level ?? 0,
          title: item.title,
          description: item.description ?? null,
          isPublic: !item.internal,
          presenter: item.presenter ?? null,
          plannedMinutes: item.minutes ?? null,
        })),
      );
      ctx.created += plan.agenda.length;
      if (state === 'held' || state === 'invited') await seedAnswers(ctx, meeting, memberships, state === 'held');
    }
  }
}
