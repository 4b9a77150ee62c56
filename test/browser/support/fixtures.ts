import { DataSource } from 'typeorm';
import { Body } from '../../../src/bodies/body.entity.js';
import { DatabaseService } from '../../../src/database/database.service.js';
import { AgendaItem } from '../../../src/meetings/agenda-item.entity.js';
import { Location } from '../../../src/meetings/location.entity.js';
import { Meeting } from '../../../src/meetings/meeting.entity.js';
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
  /** Scheduled after it: the meeting the minutes are approved in. */
  laterId: number;
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
    const items = ['Bericht der Servicestelle Integration', 'Sprachkurse für Geflüchtete', 'Verschiedenes'];
    for (const [i, itemTitle] of items.entries()) {
      await m.getRepository(AgendaItem).save({ meetingId: held.id, number: String(i + 1), position: i, level: 0, title: itemTitle, isPublic: true });
    }
    return { heldId: held.id, laterId: later.id };
  });
}
