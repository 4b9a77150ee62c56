import { DateTime } from 'luxon';
import request from 'supertest';
import { memberViewer } from '../src/auth/viewer.js';
import { BodyPolicyService } from '../src/bodies/body-policy.service.js';
import { Body } from '../src/bodies/body.entity.js';
import { Membership, type MembershipRole } from '../src/bodies/membership.entity.js';
import { todayInBerlin } from '../src/common/dates.js';
import { DatabaseService } from '../src/database/database.service.js';
import { Organisation } from '../src/organisations/organisation.entity.js';
import { Person } from '../src/people/person.entity.js';
import { type Agent, createAccount, loggedInAgent, login, postForm } from './helpers/auth.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/** A Berlin calendar day relative to today. */
function berlinDayPlus(offset: { days?: number; months?: number }): string {
  return DateTime.fromISO(todayInBerlin(), { zone: 'Europe/Berlin' }).plus(offset).toISODate() ?? '';
}

/** "ab 01.02.2027" for 2027-02-01. */
function startsText(iso: string): string {
  return `ab ${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

/** The HTML from a heading (h2) up to the next h2. */
function sectionOf(html: string, heading: string): string {
  const start = html.indexOf(`>${heading}</h2>`);
  expect(start).toBeGreaterThan(-1);
  const rest = html.slice(start + heading.length);
  const next = rest.search(/<h2[ >]/);
  return next === -1 ? rest : rest.slice(0, next);
}

/**
 * One rule for "current membership" (started and not ended, Berlin days inclusive) on every directory
 * page, count, filter and chair right: one that starts next month is upcoming, one that ended
 * yesterday is former, one that ends today is current.
 */
describe('current membership on the directory pages', () => {
  let t: TestApp;
  const ids = { body: 0, org: 0, upcoming: 0, endedYesterday: 0, endsToday: 0, open: 0, upcomingAccount: 0, endsTodayAccount: 0 };
  const nextMonth = berlinDayPlus({ months: 1 });
  const yesterday = berlinDayPlus({ days: -1 });
  const today = todayInBerlin();

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(DatabaseService).write(async (m) => {
      const org = await m.getRepository(Organisation).save({ name: 'Verein Morgenrot', kind: 'association' });
      ids.org = org.id;
      const body = await m.getRepository(Body).save({ name: 'Beirat Zeitenwende', code: 'BZW', kind: 'advisory_board', isPublic: true });
      ids.body = body.id;
      const add = async (givenName: string, role: MembershipRole, startDate: string | null, endDate: string | null): Promise<number> => {
        const person = await m.getRepository(Person).save({ givenName, familyName: 'Zeitlich', sortKey: `zeitlich ${givenName.toLowerCase()}`, organisationId: org.id });
        await m.getRepository(Membership).save({ bodyId: body.id, personId: person.id, role, votingRight: true, onBehalfOfId: org.id, startDate, endDate });
        return person.id;
      };
      ids.upcoming = await add('Kommend', 'chair', nextMonth, null);
      ids.endedYesterday = await add('Gestrig', 'member', '2020-01-01', yesterday);
      ids.endsToday = await add('Heutig', 'secretary', '2020-01-01', today);
      ids.open = await add('Dauerhaft', 'deputy_chair', null, null);
    });
    ids.upcomingAccount = (await createAccount(t, { email: 'kommend@example.org', password: 'Kommend-Passwort-2031', personId: ids.upcoming })).id;
    ids.endsTodayAccount = (await createAccount(t, { email: 'heutig@example.org', password: 'Heutig-Passwort-2031', personId: ids.endsToday })).id;
  });

  afterAll(async () => {
    await t.close();
  });

  it('lists the body page members by the rule: upcoming in their own section with the start day, yesterday former, today current', async () => {
    const html = (await request(t.http).get(`/gremien/${ids.body}`).expect(200)).text;
    expect(html).toContain('<dt>Mitglieder</dt><dd>2 Mitglieder</dd>');
    const members = sectionOf(html, 'Mitglieder');
    expect(members).toContain('Heutig Zeitlich');
    expect(members).toContain('Dauerhaft Zeitlich');
    expect(members).not.toContain('Kommend');
    expect(members).not.toContain('Gestrig');
    const upcoming = sectionOf(html, 'Künftige Mitglieder');
    expect(upcoming).toContain(`href="/personen/${ids.upcoming}">Kommend Zeitlich</a>`);
    expect(upcoming).toContain(`<td data-label="Beginn">${startsText(nextMonth)}</td>`);
    expect(upcoming).toContain('<td data-label="Rolle">Vorsitz</td>');
    const former = sectionOf(html, 'Ehemalige Mitglieder');
    expect(former).toContain('Gestrig Zeitlich');
    expect(former).not.toContain('Kommend');
    expect(former).not.toContain('Heutig');
  });

  it('counts only current members in the list of bodies and in the vCard', async () => {
    const list = (await request(t.http).get('/gremien').expect(200)).text;
    const card = list.slice(list.indexOf('Beirat Zeitenwende'));
    expect(card).toContain('2 Mitglieder');
    const member = await loggedInAgent(t, { email: 'leser@example.org', password: 'Leser-Passwort-2031' });
    const vcf = (await member.get(`/gremien/${ids.body}/vcard`).expect(200)).text;
    expect(vcf).toContain('Heutig');
    expect(vcf).toContain('Dauerhaft');
    expect(vcf).not.toContain('Kommend');
    expect(vcf).not.toContain('Gestrig');
  });

  it('marks the upcoming membership on the person page, not as current or former', async () => {
    const html = (await request(t.http).get(`/personen/${ids.upcoming}`).expect(200)).text;
    expect(sectionOf(html, 'Mitarbeit in Gremien')).toContain('Derzeit in keinem Gremium.');
    const upcoming = sectionOf(html, 'Künftige Mitgliedschaften');
    expect(upcoming).toContain(`href="/gremien/${ids.body}">Beirat Zeitenwende</a>`);
    expect(upcoming).toContain(`<td data-label="Beginn">${startsText(nextMonth)}</td>`);
    expect(html).not.toContain('Frühere Mitgliedschaften');

    const endsToday = (await request(t.http).get(`/personen/${ids.endsToday}`).expect(200)).text;
    expect(sectionOf(endsToday, 'Mitarbeit in Gremien')).toContain('Beirat Zeitenwende');
    expect(endsToday).not.toContain('Künftige Mitgliedschaften');
    const yesterdayPage = (await request(t.http).get(`/personen/${ids.endedYesterday}`).expect(200)).text;
    expect(sectionOf(yesterdayPage, 'Frühere Mitgliedschaften')).toContain('Beirat Zeitenwende');
  });

  it('shows only current representations on the organisation page and filters the directory by current members', async () => {
    const org = sectionOf((await request(t.http).get(`/organisationen/${ids.org}`).expect(200)).text, 'Vertreten in Gremien');
    expect(org).toContain('Heutig Zeitlich');
    expect(org).toContain('Dauerhaft Zeitlich');
    expect(org).not.toContain('Kommend');
    expect(org).not.toContain('Gestrig');

    const directory = (await request(t.http).get(`/personen?body=${ids.body}`).expect(200)).text;
    expect(directory).toContain('2 Personen');
    expect(directory).toContain(`href="/personen/${ids.endsToday}"`);
    expect(directory).toContain(`href="/personen/${ids.open}"`);
    expect(directory).not.toContain(`href="/personen/${ids.upcoming}"`);
    expect(directory).not.toContain(`href="/personen/${ids.endedYesterday}"`);
  });

  it('gives chair rights only to current memberships: none to the chair who starts next month, still to one who ends today', async () => {
    const policy = t.app.get(BodyPolicyService);
    expect(await policy.canManageBody(memberViewer(ids.upcomingAccount, ids.upcoming), ids.body)).toBe(false);
    expect(await policy.canManageBody(memberViewer(ids.endsTodayAccount, ids.endsToday), ids.body)).toBe(true);
    expect(await policy.canManageBody(memberViewer(0, ids.endedYesterday), ids.body)).toBe(false);
    expect(await policy.manageableBodyIds(memberViewer(ids.upcomingAccount, ids.upcoming))).toEqual([]);
    // the chair starts next month: until then the deputy chairs
    expect((await policy.currentChairs([ids.body], today)).map((m) => m.personId)).toEqual([ids.open]);
    expect((await policy.currentChair(ids.body, nextMonth))?.id).toBe(ids.upcoming);
    expect(await policy.currentMemberIds(ids.body, today)).toEqual([ids.endsToday, ids.open].sort((a, b) => a - b));

    const upcomingChair: Agent = request.agent(t.http);
    await login(upcomingChair, 'kommend@example.org', 'Kommend-Passwort-2031');
    const page = (await upcomingChair.get(`/gremien/${ids.body}`).expect(200)).text;
    expect(page).not.toContain('Mitgliedschaft hinzufügen');
    await upcomingChair.get(`/gremien/${ids.body}/mitgliedschaften/neu`).expect(403);

    const secretary: Agent = request.agent(t.http);
    await login(secretary, 'heutig@example.org', 'Heutig-Passwort-2031');
    const managed = (await secretary.get(`/gremien/${ids.body}`).expect(200)).text;
    expect(managed).toContain('Mitgliedschaft hinzufügen');
    // an upcoming membership can be edited but not ended
    const upcoming = sectionOf(managed, 'Künftige Mitglieder');
    expect(upcoming).toContain('/bearbeiten"');
    expect(upcoming).not.toContain('/beenden"');
  });

  it('reindexes the people of an organisation when it is renamed (organisation.changed, same transaction)', async () => {
    const admin = await loggedInAgent(t, { email: 'verwaltung@example.org', password: 'Verwaltung-Passwort-2031', isAdmin: true });
    const res = await postForm(admin, `/organisationen/${ids.org}/bearbeiten`, { name: 'Verein Abendstern', kind: 'association' });
    expect(res.status).toBe(303);
    const hits = (await admin.get('/suche?q=Abendstern').expect(200)).text;
    expect(hits).toContain(`href="/personen/${ids.open}"`);
  });
});
