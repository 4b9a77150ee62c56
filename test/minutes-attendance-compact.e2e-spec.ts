import { jest } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DatabaseService } from '../src/database/database.service.js';
import { Attendance } from '../src/meetings/attendance.entity.js';
import { Organisation } from '../src/organisations/organisation.entity.js';
import { Person } from '../src/people/person.entity.js';
import type { Agent } from './helpers/auth.js';
import { agentFor, createMinutesFixture, type MinutesFixture, submit } from './helpers/minutes.js';
import { HtmlCollector } from './helpers/html-validity.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

jest.setTimeout(60_000);

/** The <select> with this id, up to its end. */
function selectHtml(html: string, id: string): string {
  const start = html.indexOf(`<select id="${id}"`);
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</select>', start));
}

const optionValues = (html: string): string[] => [...html.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
const version = (html: string): string => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';
const checkedChoice = (html: string, personId: number): string | null =>
  new RegExp(`id="choice-${personId}-(\\w+)" name="choice-${personId}" value="\\w+" checked`).exec(html)?.[1] ?? null;

describe('compact weekly pages: attendance form, meeting page, body feed', () => {
  let t: TestApp;
  let f: MinutesFixture;
  let chair: Agent;
  let apath: string;

  beforeAll(async () => {
    t = await createTestApp();
    f = await createMinutesFixture(t);
    chair = await agentFor(t, f.emails.chair);
    const path = `/sitzungen/${f.meetingId}/protokoll`;
    apath = `${path}/anwesenheit`;
    expect((await submit(chair, path, path, {})).status).toBe(303);
    // the member and the outsider work for the same organisation: the outsider is a suggestion for the member only
    await t.app.get(DatabaseService).write(async (m) => {
      const org = await m.getRepository(Organisation).findOneByOrFail({ name: 'Landeshauptstadt Schwerin' });
      await m.getRepository(Person).update({ id: f.people.member }, { organisationId: org.id });
      await m.getRepository(Person).update({ id: f.people.outsider }, { organisationId: org.id });
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const attendance = (personId: number): Promise<Attendance | null> =>
    t.app.get(DataSource).getRepository(Attendance).findOneBy({ meetingId: f.meetingId, personId });

  it('offers as deputies only the body deputies and colleagues of the same organisation, everyone else through the person search', async () => {
    const page = await chair.get(apath).expect(200);
    const voterSelect = selectHtml(page.text, `deputy-${f.people.voter}`);
    expect(optionValues(voterSelect)).toEqual(['', String(f.people.deputy)]);
    expect(voterSelect).toContain('<optgroup label="Vorschläge">');
    const memberSelect = optionValues(selectHtml(page.text, `deputy-${f.people.member}`));
    expect(memberSelect.slice(0, 3)).toEqual(['', String(f.people.deputy), String(f.people.outsider)]);
    expect(memberSelect).not.toContain(String(f.people.member));
    // the search field of every row uses one list of all people, the outsider among them
    expect(page.text).toContain(`id="deputySearch-${f.people.voter}" name="deputySearch-${f.people.voter}" value="" list="personen-liste"`);
    expect(page.text).toMatch(new RegExp(`<datalist id="personen-liste">[\\s\\S]*\\(Nr\\. ${f.people.outsider}\\)`));
    // a radio per choice in a table cell, each labelled with the member's name
    expect(page.text).toMatch(new RegExp(`<label for="choice-${f.people.voter}-present" class="visually-hidden">[^<]*Çelik[^<]*: anwesend</label>`));
  });

  it('"Alle anwesend" pre-fills every member as present, keeps what was typed and saves nothing', async () => {
    const page = await chair.get(apath).expect(200);
    const res = await submit(chair, apath, apath, { version: version(page.text), allPresent: '1', guests: 'Gast Ayşe Yılmaz', openedAt: '18:04' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('gespeichert ist noch nichts');
    for (const id of [f.people.chair, f.people.secretary, f.people.member, f.people.voter, f.people.deputy]) expect(checkedChoice(res.text, id)).toBe('present');
    expect(res.text).toContain('Gast Ayşe Yılmaz');
    expect(res.text).toContain('value="18:04"');
    expect(await attendance(f.people.member)).toBeNull();
    // saving the pre-filled form stores it
    const saved = await submit(chair, apath, apath, {
      version: version(res.text),
      ...Object.fromEntries([f.people.chair, f.people.secretary, f.people.member, f.people.voter, f.people.deputy].map((id) => [`choice-${id}`, 'present'])),
    });
    expect(saved.status).toBe(303);
    expect((await attendance(f.people.member))?.attended).toBe('yes');
  });

  it('takes a deputy from the person search, and refuses an unknown name with 422, a German message and the input kept', async () => {
    const page = await chair.get(apath).expect(200);
    const offered = new RegExp(`<option value="([^"]*\\(Nr\\. ${f.people.outsider}\\))">`).exec(page.text)?.[1];
    expect(offered).toBeDefined();
    const unknown = await submit(chair, apath, apath, {
      version: version(page.text),
      [`choice-${f.people.voter}`]: 'represented',
      [`deputySearch-${f.people.voter}`]: 'Niemand Unbekannt',
      guests: 'Gast Trần Quốc Bảo',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('„Niemand Unbekannt“ ist keine Person im Verzeichnis.');
    expect(unknown.text).toContain('value="Niemand Unbekannt"');
    expect(unknown.text).toContain('Gast Trần Quốc Bảo');
    expect(checkedChoice(unknown.text, f.people.voter)).toBe('represented');
    // the id must belong to the name: a forged entry is refused too
    const forged = await submit(chair, apath, apath, {
      version: version(page.text),
      [`choice-${f.people.voter}`]: 'represented',
      [`deputySearch-${f.people.voter}`]: `Jemand (Nr. ${f.people.outsider})`,
    });
    expect(forged.status).toBe(422);
    const ok = await submit(chair, apath, apath, {
      version: version(page.text),
      [`choice-${f.people.voter}`]: 'represented',
      [`deputySearch-${f.people.voter}`]: (offered ?? '').replace(/&quot;/g, '"').replace(/&amp;/g, '&'),
    });
    expect(ok.status).toBe(303);
    const row = await attendance(f.people.voter);
    expect(row?.deputyPersonId).toBe(f.people.outsider);
    // the stored deputy outside the suggestions stays selected when the form is opened again
    const again = await chair.get(apath).expect(200);
    expect(selectHtml(again.text, `deputy-${f.people.voter}`)).toContain(`<option value="${f.people.outsider}" selected>`);
    // a search text left in the row of a member who came in person names no deputy: ignored, not refused
    const present = await submit(chair, apath, apath, { version: version(again.text), [`choice-${f.people.voter}`]: 'present', [`deputySearch-${f.people.voter}`]: 'Niemand Unbekannt' });
    expect(present.status).toBe(303);
    expect(await attendance(f.people.voter)).toMatchObject({ attended: 'yes', deputyPersonId: null });
  });

  it('shows the Protokoll block once on the meeting page', async () => {
    const page = await chair.get(`/sitzungen/${f.meetingId}`).expect(200);
    expect(page.text.match(/<h2 id="sitzung-protokoll">/g)).toHaveLength(1);
  });

  it('offers the body’s own calendar feed on the body page, as webcal:// and https address', async () => {
    const page = await request(t.http).get(`/gremien/${f.bodyId}`).expect(200);
    const feedPath = `/gremien/${f.bodyId}/sitzungen.ics`;
    const webcal = new RegExp(`href="(webcal://[^"]+${feedPath})"`).exec(page.text)?.[1];
    const https = new RegExp(`value="(https?://[^"]+${feedPath})" readonly`).exec(page.text)?.[1];
    expect(webcal).toBeDefined();
    expect(https).toBeDefined();
    expect(webcal?.replace(/^webcal:/, '')).toBe(https?.replace(/^https?:/, ''));
    const feed = await request(t.http).get(feedPath).expect(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    expect(feed.text).toContain('1. Sitzung 2026');
  });

  it('renders the new forms and blocks as valid HTML (W3C checker), also with a deputy error', async () => {
    const collector = new HtmlCollector();
    try {
      const page = await chair.get(apath).expect(200);
      collector.add('attendance form', page.text);
      const prefilled = await submit(chair, apath, apath, { version: version(page.text), allPresent: '1' });
      collector.add('attendance form, all present', prefilled.text);
      const rejected = await submit(chair, apath, apath, { version: version(page.text), [`choice-${f.people.voter}`]: 'represented', [`deputySearch-${f.people.voter}`]: 'Niemand' });
      expect(rejected.status).toBe(422);
      collector.add('attendance form with a deputy error', rejected.text);
      collector.add('minutes editor', (await chair.get(`/sitzungen/${f.meetingId}/protokoll/bearbeiten`).expect(200)).text);
      collector.add('meeting page', (await chair.get(`/sitzungen/${f.meetingId}`).expect(200)).text);
      collector.add('body page', (await request(t.http).get(`/gremien/${f.bodyId}`).expect(200)).text);
      expect(await collector.problems()).toEqual([]);
    } finally {
      collector.dispose();
    }
  });
});
