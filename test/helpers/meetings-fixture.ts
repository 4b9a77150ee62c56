import request from 'supertest';
import { Body } from '../../src/bodies/body.entity.js';
import { Membership } from '../../src/bodies/membership.entity.js';
import { DatabaseService } from '../../src/database/database.service.js';
import { Location } from '../../src/meetings/location.entity.js';
import { PersonEmail } from '../../src/people/person-email.entity.js';
import { Person } from '../../src/people/person.entity.js';
import { sortKeyOf } from '../../seeds/seed-context.js';
import { type Agent, createAccount, csrfTokenFrom, login } from './auth.js';
import type { TestApp } from './test-app.js';

export const MEETING_PASSWORD = 'Sitzung am Pfaffenteich 2026';

export interface MeetingsFixture {
  code: string;
  bodyId: number;
  bodyName: string;
  otherBodyId: number;
  otherBodyName: string;
  internalBodyId: number;
  locationId: number;
  otherLocationId: number;
  people: { chair: number; secretary: number; member: number; voter: number; deputy: number; outsider: number; otherChair: number };
  emails: { chair: string; member: string; voter: string; outsider: string; otherChair: string; admin: string };
}

let counter = 0;

/**
 * A public body (chair with a Cyrillic name and public email, secretary, voting members, a deputy member),
 * another body sharing the chair, an internal body, two locations, and accounts. Unique per call.
 */
export async function createMeetingsFixture(t: TestApp, options: { noticePeriodDays?: number } = {}): Promise<MeetingsFixture> {
  counter++;
  const code = `M${counter}${Math.random().toString(36).slice(2, 5).toUpperCase()}`.slice(0, 7);
  const db = t.app.get(DatabaseService);
  const f = await db.write(async (m) => {
    const bodies = m.getRepository(Body);
    const body = await bodies.save({ name: `Begleitbeirat ${code}`, shortName: `BB ${code}`, code, kind: 'advisory_board', isPublic: true, noticePeriodDays: options.noticePeriodDays ?? 14, defaultDurationMinutes: 120 });
    const other = await bodies.save({ name: `Runder Tisch ${code}`, code: `R${code}`, kind: 'round_table', isPublic: true });
    const internal = await bodies.save({ name: `Interner Kreis ${code}`, code: `I${code}`, kind: 'working_group', isPublic: false });
    const person = async (givenName: string, familyName: string, extra: Partial<Person> = {}): Promise<Person> =>
      m.getRepository(Person).save({ givenName, familyName, sortKey: sortKeyOf({ givenName, familyName }), ...extra });
    const chair = await person('Ольга', `Петренко ${code}`, { emailVisibility: 'public', consentAt: new Date('2020-01-01T00:00:00Z') });
    await m.getRepository(PersonEmail).save({ personId: chair.id, email: `olga-${code}@example.org`.toLowerCase(), position: 0 });
    const secretary = await person('Jana', `Köhler ${code}`);
    const member = await person('Thị Lan', `Nguyễn ${code}`);
    const voter = await person('Mehmet', `Çelik ${code}`);
    const deputy = await person('مريم', `الحسيني ${code}`);
    const outsider = await person('Ahmad', `Karimi ${code}`);
    const otherChair = await person('Peter', `Schmidt ${code}`);
    const ms = m.getRepository(Membership);
    await ms.save({ bodyId: body.id, personId: chair.id, role: 'chair', votingRight: true });
    await ms.save({ bodyId: body.id, personId: secretary.id, role: 'secretary', votingRight: false });
    await ms.save({ bodyId: body.id, personId: member.id, role: 'member', votingRight: true });
    await ms.save({ bodyId: body.id, personId: voter.id, role: 'member', votingRight: true });
    await ms.save({ bodyId: body.id, personId: deputy.id, role: 'deputy_member', votingRight: false });
    await ms.save({ bodyId: other.id, personId: chair.id, role: 'member', votingRight: true });
    await ms.save({ bodyId: other.id, personId: otherChair.id, role: 'chair', votingRight: true });
    await ms.save({ bodyId: internal.id, personId: chair.id, role: 'chair', votingRight: true });
    const locations = m.getRepository(Location);
    const location = await locations.save({
      name: `Stadthaus ${code}, Demmlersaal`,
      room: '1.001',
      street: 'Am Packhof 2-6',
      postalCode: '19053',
      locality: 'Schwerin',
      accessibilityNotes: 'Stufenloser Zugang über den Hof, Aufzug C',
    });
    const otherLocation = await locations.save({ name: `Haus der Kulturen ${code}`, street: 'Mecklenburgstraße 1', postalCode: '19053', locality: 'Schwerin' });
    return {
      code,
      bodyId: body.id,
      bodyName: body.name,
      otherBodyId: other.id,
      otherBodyName: other.name,
      internalBodyId: internal.id,
      locationId: location.id,
      otherLocationId: otherLocation.id,
      people: { chair: chair.id, secretary: secretary.id, member: member.id, voter: voter.id, deputy: deputy.id, outsider: outsider.id, otherChair: otherChair.id },
    };
  });
  const lower = code.toLowerCase();
  const emails = {
    chair: `chair-${lower}@example.org`,
    member: `member-${lower}@example.org`,
    voter: `voter-${lower}@example.org`,
    outsider: `outsider-${lower}@example.org`,
    otherChair: `otherchair-${lower}@example.org`,
    admin: `admin-${lower}@example.org`,
  };
  await createAccount(t, { email: emails.chair, password: MEETING_PASSWORD, personId: f.people.chair });
  await createAccount(t, { email: emails.member, password: MEETING_PASSWORD, personId: f.people.member });
  await createAccount(t, { email: emails.voter, password: MEETING_PASSWORD, personId: f.people.voter });
  await createAccount(t, { email: emails.outsider, password: MEETING_PASSWORD, personId: f.people.outsider });
  await createAccount(t, { email: emails.otherChair, password: MEETING_PASSWORD, personId: f.people.otherChair });
  await createAccount(t, { email: emails.admin, password: MEETING_PASSWORD, isAdmin: true });
  return { ...f, emails };
}

export async function meetingAgent(t: TestApp, email: string): Promise<Agent> {
  const agent = request.agent(t.http);
  await login(agent, email, MEETING_PASSWORD);
  return agent;
}

/** POSTs a form with the CSRF token taken from the page at `formPath`. */
export async function submitForm(agent: Agent, formPath: string, action: string, fields: Record<string, string>): Promise<request.Response> {
  const page = await agent.get(formPath);
  return agent.post(action).type('form').send({ ...fields, _csrf: csrfTokenFrom(page.text) });
}

/** The fields of a new meeting as the form sends them. */
export function meetingFields(f: MeetingsFixture, over: Record<string, string> = {}): Record<string, string> {
  return {
    bodyId: String(f.bodyId),
    title: 'Sitzung',
    date: '2026-03-26',
    startTime: '18:00',
    endTime: '20:00',
    locationId: String(f.locationId),
    onlineLink: '',
    isPublic: 'on',
    description: '',
    ...over,
  };
}

/** Creates a meeting through the chair's form (saving anyway despite warnings); returns its id. */
export async function createMeeting(agent: Agent, f: MeetingsFixture, over: Record<string, string> = {}): Promise<number> {
  const res = await submitForm(agent, '/sitzungen/neu', '/sitzungen/neu', { ...meetingFields(f, over), trotzdem: 'on' });
  const id = /^\/sitzungen\/(\d+)$/.exec(res.headers.location ?? '')?.[1];
  if (res.status !== 303 || !id) throw new Error(`Creating the meeting failed with HTTP ${res.status}: ${res.text.slice(0, 500)}`);
  return Number(id);
}
