import request from 'supertest';
import { DataSource } from 'typeorm';
import { ActionItem } from '../src/minutes/action-item.entity.js';
import { Organisation } from '../src/organisations/organisation.entity.js';
import type { Agent } from './helpers/auth.js';
import { agentFor, createMinutesFixture, type MinutesFixture, submit } from './helpers/minutes.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

describe('action items', () => {
  let t: TestApp;
  let f: MinutesFixture;
  let chair: Agent;
  let member: Agent;
  let outsider: Agent;
  let path: string;
  let orgId: number;

  beforeAll(async () => {
    t = await createTestApp();
    f = await createMinutesFixture(t);
    chair = await agentFor(t, f.emails.chair);
    member = await agentFor(t, f.emails.member);
    outsider = await agentFor(t, f.emails.outsider);
    path = `/sitzungen/${f.meetingId}/protokoll`;
    await submit(chair, path, path, {});
    orgId = (await t.app.get(DataSource).getRepository(Organisation).findOneByOrFail({ name: 'Landeshauptstadt Schwerin' })).id;
  });
  afterAll(async () => {
    await t.close();
  });

  const items = (): Promise<ActionItem[]> => t.app.get(DataSource).getRepository(ActionItem).find({ order: { id: 'ASC' } });

  it('validates the form and keeps what was typed (422)', async () => {
    const form = `${path}/aufgaben/neu`;
    const noOne = await submit(chair, form, `${path}/aufgaben`, { what: 'Flyer auf Ukrainisch übersetzen lassen', dueDate: '31.02.2026' });
    expect(noOne.status).toBe(422);
    expect(noOne.text).toContain('Flyer auf Ukrainisch übersetzen lassen');
    expect(noOne.text).toContain('31.02.2026');
    expect(noOne.text).toContain('gibt es nicht');
    const empty = await submit(chair, form, `${path}/aufgaben`, { what: '  ', responsiblePersonId: String(f.people.member) });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('Bitte beschreiben Sie die Aufgabe.');
    const unknownPerson = await submit(chair, form, `${path}/aufgaben`, { what: 'x', responsiblePersonId: '99999999' });
    expect(unknownPerson.status).toBe(422);
    expect(await items()).toHaveLength(0);
  });

  it('creates action items for a person or an organisation, with due dates', async () => {
    const form = `${path}/aufgaben/neu`;
    const overdue = await submit(chair, form, `${path}/aufgaben`, {
      what: 'Flyer auf Ukrainisch übersetzen lassen',
      agendaItemId: String(f.publicItemId),
      responsiblePersonId: String(f.people.member),
      dueDate: '01.04.2026',
    });
    expect(overdue.status).toBe(303);
    const future = await submit(chair, form, `${path}/aufgaben`, {
      what: 'Raum für das Sprachcafé anfragen',
      responsibleOrganisationId: String(orgId),
      dueDate: '2099-12-31',
    });
    expect(future.status).toBe(303);
    const internal = await submit(chair, form, `${path}/aufgaben`, {
      what: 'Stellenausschreibung abstimmen',
      agendaItemId: String(f.internalItemId),
      responsiblePersonId: String(f.people.chair),
    });
    expect(internal.status).toBe(303);
    expect((await items()).map((i) => i.dueDate)).toEqual(['2026-04-01', '2099-12-31', null]);
  });

  it('shows draft minutes’ action items only to editors; members see them once circulated', async () => {
    const draft = await member.get('/aufgaben').expect(200);
    expect(draft.text).not.toContain('Flyer auf Ukrainisch');
    const editorView = await chair.get('/aufgaben').expect(200);
    expect(editorView.text).toContain('Flyer auf Ukrainisch');
    await submit(chair, path, `${path}/verschicken`, {});
    const list = await member.get('/aufgaben').expect(200);
    expect(list.text).toContain('Flyer auf Ukrainisch übersetzen lassen');
    expect(list.text).toContain('überfällig');
    expect(list.text).toContain('Raum für das Sprachcafé anfragen');
    expect(list.text).toContain('Landeshauptstadt Schwerin');
    // open ones by due date, without due date last
    expect(list.text.indexOf('Flyer')).toBeLessThan(list.text.indexOf('Raum für das Sprachcafé'));
    expect(list.text.indexOf('Raum für das Sprachcafé')).toBeLessThan(list.text.indexOf('Stellenausschreibung'));
  });

  it('needs a login', async () => {
    const res = await request(t.http).get('/aufgaben');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/anmelden?next=%2Faufgaben');
  });

  it('filters by body, person, organisation and status, and shows "Meine Aufgaben"', async () => {
    const overdue = await member.get('/aufgaben?status=ueberfaellig').expect(200);
    expect(overdue.text).toContain('Flyer');
    expect(overdue.text).not.toContain('Raum für das Sprachcafé');
    const byOrg = await member.get(`/aufgaben?organisation=${orgId}`).expect(200);
    expect(byOrg.text).toContain('Raum für das Sprachcafé');
    expect(byOrg.text).not.toContain('Flyer');
    const byPerson = await member.get(`/aufgaben?person=${f.people.chair}`).expect(200);
    expect(byPerson.text).toContain('Stellenausschreibung');
    expect(byPerson.text).not.toContain('Flyer');
    const otherBody = await member.get(`/aufgaben?gremium=${f.otherBodyId}`).expect(200);
    expect(otherBody.text).toContain('Keine Aufgaben gefunden');
    const mine = await member.get('/aufgaben?meine=1').expect(200);
    expect(mine.text).toContain('Meine Aufgaben');
    expect(mine.text).toContain('Flyer');
    expect(mine.text).not.toContain('Stellenausschreibung');
  });

  it.each(['?gremium=abc', '?person=-1', '?organisation=99999999', '?status=%27;DROP', '?page=abc', '?gremium[]=1&status[]=x', '?meine=ja'])('treats bad filters %s as defaults', async (qs) => {
    const res = await member.get(`/aufgaben${qs}`).expect(200);
    expect(res.text).toContain('Aufgaben');
  });

  it('lets the responsible person mark their item done, but nobody else without the right', async () => {
    const [flyer, room] = await items();
    const foreign = await submit(outsider, '/aufgaben', `/aufgaben/${flyer.id}/erledigt`, {});
    expect(foreign.status).toBe(403);
    const own = await submit(member, '/aufgaben', `/aufgaben/${flyer.id}/erledigt`, {});
    expect(own.status).toBe(303);
    const done = (await items()).find((i) => i.id === flyer.id);
    expect(done?.status).toBe('done');
    expect(done?.doneAt).not.toBeNull();
    const doneList = await member.get('/aufgaben?status=erledigt').expect(200);
    expect(doneList.text).toContain('Flyer');
    expect(doneList.text).toContain('erledigt am');
    const byEditor = await submit(chair, '/aufgaben', `/aufgaben/${room.id}/erledigt`, {});
    expect(byEditor.status).toBe(303);
    const reopen = await submit(chair, '/aufgaben', `/aufgaben/${room.id}/offen`, {});
    expect(reopen.status).toBe(303);
    expect((await items()).find((i) => i.id === room.id)?.status).toBe('open');
    const unknown = await submit(member, '/aufgaben', '/aufgaben/99999999/erledigt', {});
    expect(unknown.status).toBe(404);
    const malformed = await submit(member, '/aufgaben', '/aufgaben/abc/erledigt', {});
    expect(malformed.status).toBe(404);
  });

  it('shows the action items in the minutes, internal ones not to the public', async () => {
    await submit(chair, `${path}/genehmigen`, `${path}/genehmigen`, { approvedInMeetingId: String(f.laterMeetingId) });
    const memberView = await member.get(path).expect(200);
    expect(memberView.text).toContain('Stellenausschreibung abstimmen');
    const publicView = await request(t.http).get(path).expect(200);
    expect(publicView.text).not.toContain('Stellenausschreibung');
    expect(publicView.text).not.toContain('Raum für das Sprachcafé');
    expect(publicView.text).not.toContain('Flyer');
  });
});

describe('decisions register', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(['?gremium=abc', '?jahr=20x6', '?jahr=99999', '?q=%25%25%25', '?page=-1', '?gremium[]=1&jahr[]=2', `?q=${'x'.repeat(500)}`])('treats bad parameters as defaults (case %#)', async (qs) => {
    const res = await request(t.http).get(`/beschluesse${qs}`).expect(200);
    expect(res.text).toContain('<h1>Beschlüsse</h1>');
  });
});
