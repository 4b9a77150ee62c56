import request from 'supertest';
import { Body } from '../../src/bodies/body.entity.js';
import { Membership } from '../../src/bodies/membership.entity.js';
import { DatabaseService } from '../../src/database/database.service.js';
import { AgendaItem } from '../../src/meetings/agenda-item.entity.js';
import { Meeting } from '../../src/meetings/meeting.entity.js';
import { Location } from '../../src/meetings/location.entity.js';
import { Person } from '../../src/people/person.entity.js';
import { sortKeyOf } from '../../seeds/seed-context.js';
import { type Agent, createAccount, csrfTokenFrom, login } from './auth.js';
import type { TestApp } from './test-app.js';

export const PASSWORD = 'Protokoll am Pfaffenteich 2026';

export interface MinutesFixture {
  bodyId: number;
  otherBodyId: number;
  /** Held 10.03.2026 18:00–20:00 Berlin, public, TOP 1 public, TOP 2 internal. */
  meetingId: number;
  publicItemId: number;
  internalItemId: number;
  /** 12.05.2026, the next meeting of the same body (approves the minutes). */
  laterMeetingId: number;
  /** Internal meeting of the same body, 20.04.2026. */
  internalMeetingId: number;
  /** A meeting in January 2027 (decision numbers restart). */
  nextYearMeetingId: number;
  otherBodyMeetingId: number;
  people: { chair: number; secretary: number; member: number; voter: number; deputy: number; outsider: number };
  emails: { chair: string; secretary: string; member: string; outsider: string };
}

let counter = 0;

/** A body (public), members with accounts, meetings with agendas. Unique codes per call. */
export async function createMinutesFixture(t: TestApp): Promise<MinutesFixture> {
  counter++;
  const code = `T${counter}${Math.random().toString(36).slice(2, 5).toUpperCase()}`.slice(0, 8);
  const db = t.app.get(DatabaseService);
  const f = await db.write(async (m) => {
    const body = await m.getRepository(Body).save({ name: `Testbeirat ${code}`, code, kind: 'advisory_board', isPublic: true });
    const other = await m.getRepository(Body).save({ name: `Anderer Kreis ${code}`, code: `X${code}`.slice(0, 10), kind: 'round_table', isPublic: true });
    const person = async (givenName: string, familyName: string): Promise<Person> =>
      m.getRepository(Person).save({ givenName, familyName, sortKey: sortKeyOf({ givenName, familyName }) });
    const chair = await person('Ольга', `Петренко ${code}`);
    const secretary = await person('Jana', `Köhler ${code}`);
    const member = await person('Thị Lan', `Nguyễn ${code}`);
    const voter = await person('Mehmet', `Çelik ${code}`);
    const deputy = await person('مريم', `الحسيني ${code}`);
    const outsider = await person('Ahmad', `Karimi ${code}`);
    const ms = m.getRepository(Membership);
    await ms.save({ bodyId: body.id, personId: chair.id, role: 'chair', votingRight: true });
    await ms.save({ bodyId: body.id, personId: secretary.id, role: 'secretary', votingRight: false });
    await ms.save({ bodyId: body.id, personId: member.id, role: 'member', votingRight: true });
    await ms.save({ bodyId: body.id, personId: voter.id, role: 'member', votingRight: true });
    await ms.save({ bodyId: body.id, personId: deputy.id, role: 'deputy_member', votingRight: false });
    await ms.save({ bodyId: other.id, personId: chair.id, role: 'chair', votingRight: true });
    const location = await m.getRepository(Location).save({ name: 'Stadthaus, Demmlersaal', room: '1.001', street: 'Am Packhof 2-6', postalCode: '19053', locality: 'Schwerin' });
    const meeting = async (bodyId: number, title: string, startsAt: string, endsAt: string, isPublic = true, state: Meeting['state'] = 'held'): Promise<Meeting> =>
      m.getRepository(Meeting).save({
        bodyId,
        title,
        startsAt: new Date(startsAt),
        endsAt: new Date(endsAt),
        locationId: location.id,
        state,
        uid: `${code}-${title}-${startsAt}@test`,
        isPublic,
      });
    const held = await meeting(body.id, '1. Sitzung 2026', '2026-03-10T17:00:00Z', '2026-03-10T19:00:00Z');
    const later = await meeting(body.id, '2. Sitzung 2026', '2026-05-12T16:00:00Z', '2026-05-12T18:00:00Z', true, 'scheduled');
    const internal = await meeting(body.id, 'Klausur 2026', '2026-04-20T08:00:00Z', '2026-04-20T14:00:00Z', false);
    const nextYear = await meeting(body.id, '1. Sitzung 2027', '2027-01-12T17:00:00Z', '2027-01-12T19:00:00Z');
    const otherMeeting = await meeting(other.id, 'Runde März', '2026-03-11T17:00:00Z', '2026-03-11T19:00:00Z');
    const agenda = m.getRepository(AgendaItem);
    const item = (meetingId: number, number: string, position: number, title: string, isPublic = true): Promise<AgendaItem> =>
      agenda.save({ meetingId, number, position, level: 0, title, isPublic });
    const publicItem = await item(held.id, '1', 0, 'Bericht der Servicestelle Integration');
    const internalItem = await item(held.id, '2', 1, 'Personalangelegenheiten', false);
    for (const mt of [later, internal, nextYear, otherMeeting]) {
      await item(mt.id, '1', 0, 'Genehmigung des Protokolls');
      await item(mt.id, '2', 1, 'Verschiedenes Intern', false);
    }
    return {
      bodyId: body.id,
      otherBodyId: other.id,
      meetingId: held.id,
      publicItemId: publicItem.id,
      internalItemId: internalItem.id,
      laterMeetingId: later.id,
      internalMeetingId: internal.id,
      nextYearMeetingId: nextYear.id,
      otherBodyMeetingId: otherMeeting.id,
      people: { chair: chair.id, secretary: secretary.id, member: member.id, voter: voter.id, deputy: deputy.id, outsider: outsider.id },
    };
  });
  const emails = {
    chair: `chair-${code}@example.org`.toLowerCase(),
    secretary: `secretary-${code}@example.org`.toLowerCase(),
    member: `member-${code}@example.org`.toLowerCase(),
    outsider: `outsider-${code}@example.org`.toLowerCase(),
  };
  await createAccount(t, { email: emails.chair, password: PASSWORD, personId: f.people.chair });
  await createAccount(t, { email: emails.secretary, password: PASSWORD, personId: f.people.secretary });
  await createAccount(t, { email: emails.member, password: PASSWORD, personId: f.people.member });
  await createAccount(t, { email: emails.outsider, password: PASSWORD, personId: f.people.outsider });
  return { ...f, emails };
}

export async function agentFor(t: TestApp, email: string): Promise<Agent> {
  const agent = request.agent(t.http);
  await login(agent, email, PASSWORD);
  return agent;
}

/** POSTs a form with the CSRF token of the page at `formPath` (like a browser submitting that page). */
export async function submit(agent: Agent, formPath: string, action: string, fields: Record<string, string>): Promise<request.Response> {
  const page = await agent.get(formPath);
  return agent.post(action).type('form').send({ ...fields, _csrf: csrfTokenFrom(page.text) });
}

/** The hidden and text fields of the minutes editor form as a record (what a browser would send back unchanged). */
export function editorFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[m[1]] = decode(m[2]);
  for (const m of html.matchAll(/<textarea id="[^"]+" name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) fields[m[1]] = decode(m[2]);
  return fields;
}

function decode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&amp;/g, '&');
}
