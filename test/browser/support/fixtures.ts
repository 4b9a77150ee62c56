import { DateTime } from 'luxon';
import { Between, DataSource } from 'typeorm';
import { Body } from '../../../src/bodies/body.entity.js';
import { ZONE } from '../../../src/common/dates.js';
import { DatabaseService } from '../../../src/database/database.service.js';
import { AgendaItem } from '../../../src/meetings/agenda-item.entity.js';
import { Location } from '../../../src/meetings/location.entity.js';
import { APP_CONFIG, type AppConfig } from '../../../src/config/app-config.js';
import { holidayOn } from '../../../src/meetings/holidays.js';
import { Meeting } from '../../../src/meetings/meeting.entity.js';
import { Minutes } from '../../../src/minutes/minutes.entity.js';
import { Organisation } from '../../../src/organisations/organisation.entity.js';
import { Person } from '../../../src/people/person.entity.js';
import type { BrowserApp } from './browser.js';

export interface DirectoryIds {
  avramenko: number;
  fachstelle: number;
  begleitbeirat: number;
}

/** Ids of the real (Schwerin) records every page-type test visits. */
export async function directoryIds(app: BrowserApp): Promise<DirectoryIds> {
  const ds = app.t.app.get(DataSource);
  const [person, org, body] = await Promise.all([
    ds.getRepository(Person).findOneByOrFail({ familyName: 'Avramenko', givenName: 'Dimitri' }),
    ds.getRepository(Organisation).findOneByOrFail({ name: 'Fachstelle Integration' }),
    ds.getRepository(Body).findOneByOrFail({ code: 'BB' }),
  ]);
  return { avramenko: person.id, fachstelle: org.id, begleitbeirat: body.id };
}

export interface BoardMeetings {
  /** Held (in the past), public, three public agenda items: for minutes. */
  heldId: number;
  /** Scheduled after it, upcoming. */
  laterId: number;
  /** Held between the two (a week ago): the meeting the minutes are approved in (approval needs a meeting that has begun). */
  approvingId: number;
}

let counter = 0;

/**
 * A held meeting of the Begleitbeirat with three agenda items and a later one, written straight to the
 * database: minutes need a held meeting, and holding one is not part of the journeys under test.
 */
export async function boardMeetings(app: BrowserApp, title: string): Promise<BoardMeetings> {
  counter++;
  const { begleitbeirat } = await directoryIds(app);
  const day = 24 * 3600_000;
  const now = Date.now();
  return app.t.app.get(DatabaseService).write(async (m) => {
    const location = await m.getRepository(Location).save({ name: 'Stadthaus, Demmlersaal', room: '1.001', street: 'Am Packhof 2-6', postalCode: '19053', locality: 'Schwerin' });
    const meeting = (name: string, startsAt: number, state: Meeting['state']): Promise<Meeting> =>
      m.getRepository(Meeting).save({
        bodyId: begleitbeirat,
        title: name,
        startsAt: new Date(startsAt),
        endsAt: new Date(startsAt + 2 * 3600_000),
        locationId: location.id,
        state,
        uid: `browser-${counter}-${startsAt}-${state}@test`,
        isPublic: true,
      });
    const start = Math.floor((now - 14 * day) / 3600_000) * 3600_000;
    const held = await meeting(title, start, 'held');
    const later = await meeting(`${title} – Folgesitzung`, start + 42 * day, 'scheduled');
    const approving = await meeting(`${title} – Genehmigungssitzung`, start + 7 * day, 'held');
    const items = ['Bericht der Servicestelle Integration', 'Sprachkurse für Geflüchtete', 'Verschiedenes'];
    for (const [i, itemTitle] of items.entries()) {
      await m.getRepository(AgendaItem).save({ meetingId: held.id, number: String(i + 1), position: i, level: 0, title: itemTitle, isPublic: true });
    }
    return { heldId: held.id, laterId: later.id, approvingId: approving.id };
  });
}

/**
 * A Thursday about `weeks` weeks ahead (Berlin) that is no public holiday in the configured state (REGION), not in
 * the Christmas fortnight and free of other meetings, so planning a meeting on it raises no warnings.
 * YYYY-MM-DD.
 */
export async function quietMeetingDate(app: BrowserApp, weeks: number): Promise<string> {
  const meetings = app.t.app.get(DataSource).getRepository(Meeting);
  const christmas = (d: DateTime): boolean => (d.month === 12 && d.day >= 20) || (d.month === 1 && d.day <= 7);
  let day = DateTime.now().setZone(ZONE).startOf('day').plus({ weeks });
  while (day.weekday !== 4) day = day.plus({ days: 1 });
  for (;;) {
    const busy = await meetings.countBy({ startsAt: Between(day.toJSDate(), day.plus({ days: 1 }).toJSDate()) });
    if (!christmas(day) && holidayOn({ year: day.year, month: day.month, day: day.day }, app.t.app.get<AppConfig>(APP_CONFIG).region) === null && busy === 0) break;
    day = day.plus({ weeks: 1 });
  }
  return day.toISODate() ?? '';
}

/** The meeting of the newest approved demo minutes (seeds/demo-minutes.seed.ts): a protocol with content. */
export async function approvedDemoMinutesMeeting(app: BrowserApp): Promise<number> {
  const minutes = await app.t.app.get(DataSource).getRepository(Minutes).findOne({ where: { status: 'approved' }, order: { id: 'DESC' } });
  if (!minutes) throw new Error('The demo data has no approved minutes');
  return minutes.meetingId;
}
