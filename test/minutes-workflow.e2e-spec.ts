import request from 'supertest';
import { DataSource } from 'typeorm';
import { Body } from '../src/bodies/body.entity.js';
import { Decision } from '../src/minutes/decision.entity.js';
import { DecisionsService } from '../src/minutes/decisions.service.js';
import { Minutes } from '../src/minutes/minutes.entity.js';
import { MinutesService } from '../src/minutes/minutes.service.js';
import { ANONYMOUS } from '../src/auth/viewer.js';
import { Meeting } from '../src/meetings/meeting.entity.js';
import { agentFor, createMinutesFixture, editorFields, type MinutesFixture, submit } from './helpers/minutes.js';
import type { Agent } from './helpers/auth.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

describe('minutes workflow and permissions', () => {
  let t: TestApp;
  let f: MinutesFixture;
  let chair: Agent;
  let member: Agent;
  let outsider: Agent;
  let path: string;

  beforeAll(async () => {
    t = await createTestApp();
    f = await createMinutesFixture(t);
    chair = await agentFor(t, f.emails.chair);
    member = await agentFor(t, f.emails.member);
    outsider = await agentFor(t, f.emails.outsider);
    path = `/sitzungen/${f.meetingId}/protokoll`;
  });
  afterAll(async () => {
    await t.close();
  });

  const minutes = (): Promise<Minutes | null> => t.app.get(DataSource).getRepository(Minutes).findOne({ where: { meetingId: f.meetingId } });

  it('lets only editors start minutes; others see nothing yet', async () => {
    await request(t.http).get(path).expect(404);
    await member.get(path).expect(404);
    const start = await chair.get(path).expect(200);
    expect(start.text).toContain('Protokoll anlegen');
    const denied = await submit(member, '/', path, {});
    expect(denied.status).toBe(403);
    expect(await minutes()).toBeNull();
    const created = await submit(chair, path, path, {});
    expect(created.status).toBe(303);
    expect(created.headers.location).toBe(`${path}/bearbeiten`);
    expect((await minutes())?.status).toBe('draft');
  });

  it('keeps drafts from members and anonymous visitors', async () => {
    const form = await chair.get(`${path}/bearbeiten`).expect(200);
    const fields = editorFields(form.text);
    fields[`text_item-${f.publicItemId}`] = 'Öffentlicher Bericht über 120 Beratungen – Đặng Văn Minh berichtet.';
    fields[`text_item-${f.internalItemId}`] = 'GEHEIM: Stellenbesetzung besprochen.';
    fields.text_opening = 'Die Vorsitzende begrüßt die Anwesenden.';
    const saved = await chair.post(`${path}/bearbeiten`).type('form').send(fields);
    expect(saved.status).toBe(303);
    const draft = await chair.get(path).expect(200);
    expect(draft.text).toContain('Entwurf');
    expect(draft.text).toContain('Đặng Văn Minh');
    await member.get(path).expect(404);
    await request(t.http).get(path).expect(404);
    await request(t.http).get(`${path}/druck`).expect(404);
    // members and outsiders cannot edit
    await member.get(`${path}/bearbeiten`).expect(403);
    const anon = await request(t.http).get(`${path}/bearbeiten`);
    expect(anon.status).toBe(302);
    expect(anon.headers.location).toContain('/anmelden');
  });

  it('adds decisions with numbers per body and year and refuses empty text with everything kept', async () => {
    const form = `${path}/beschluesse/neu`;
    const empty = await submit(chair, form, `${path}/beschluesse`, {
      agendaItemId: String(f.publicItemId),
      text: '   ',
      result: 'adopted',
      votesYes: '7',
      votesNo: '1',
      votesAbstain: '2',
    });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('Bitte den Wortlaut des Beschlusses eingeben.');
    expect(empty.text).toContain('value="7"');
    expect(empty.text).toContain('aria-invalid="true"');
    const first = await submit(chair, form, `${path}/beschluesse`, {
      agendaItemId: String(f.publicItemId),
      text: 'Der Beirat empfiehlt, die **Sprachkurse** auszubauen.',
      result: 'adopted',
      votesYes: '7',
      votesNo: '1',
      votesAbstain: '2',
    });
    expect(first.status).toBe(303);
    const second = await submit(chair, form, `${path}/beschluesse`, {
      agendaItemId: String(f.internalItemId),
      text: 'INTERNER BESCHLUSS zur Stelle.',
      result: 'adopted',
      unanimous: 'on',
    });
    expect(second.status).toBe(303);
    const numbers = (await t.app.get(DataSource).getRepository(Decision).find({ where: { bodyId: f.bodyId }, order: { sequence: 'ASC' } })).map((d) => d.number);
    const code = numbers[0].split('-')[0];
    expect(numbers).toEqual([`${code}-2026-01`, `${code}-2026-02`]);
    // the body page's list (DecisionsService.recentOfBody): drafts only for the editors
    const meeting = await t.app.get(DataSource).getRepository(Meeting).findOneOrFail({ where: { id: f.meetingId }, relations: { body: true } });
    expect(await t.app.get(DecisionsService).recentOfBody(ANONYMOUS, meeting.bodyId)).toEqual([]);
    const page = await chair.get(path).expect(200);
    expect(page.text).toContain(`Beschluss ${code}-2026-01`);
    expect(page.text).toContain('7 Ja, 1 Nein, 2 Enthaltungen');
    expect(page.text).toContain('<strong>Sprachkurse</strong>');
  });

  it('refuses inconsistent votes with a 422', async () => {
    const res = await submit(chair, `${path}/beschluesse/neu`, `${path}/beschluesse`, {
      agendaItemId: String(f.publicItemId),
      text: 'Antrag auf Einrichtung eines Sprachcafés',
      result: 'adopted',
      votesYes: '2',
      votesNo: '5',
      votesAbstain: '0',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Antrag auf Einrichtung eines Sprachcafés');
    expect(res.text).toContain('abgelehnt');
  });

  it('circulates to members, who can read but not edit', async () => {
    const res = await submit(chair, path, `${path}/verschicken`, {});
    expect(res.status).toBe(303);
    const page = await member.get(path).expect(200);
    expect(page.text).toContain('Verschickt, noch nicht genehmigt');
    expect(page.text).toContain('GEHEIM: Stellenbesetzung');
    expect(page.text).not.toContain('Texte bearbeiten');
    await request(t.http).get(path).expect(404);
    const outsiderPage = await outsider.get(path).expect(200);
    expect(outsiderPage.text).toContain('Öffentlicher Bericht');
  });

  it('approves only in a later meeting of the same body', async () => {
    const form = `${path}/genehmigen`;
    const page = await chair.get(form).expect(200);
    expect(page.text).toContain('2. Sitzung 2026');
    expect(page.text).not.toContain('Runde März');
    const wrong = await submit(chair, form, form, { approvedInMeetingId: String(f.otherBodyMeetingId) });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('desselben Gremiums');
    const missing = await submit(chair, form, form, { approvedInMeetingId: '' });
    expect(missing.status).toBe(422);
    const byMember = await submit(member, path, form, { approvedInMeetingId: String(f.laterMeetingId) });
    expect(byMember.status).toBe(403);
    const ok = await submit(chair, form, form, { approvedInMeetingId: String(f.laterMeetingId) });
    expect(ok.status).toBe(303);
    const m = await minutes();
    expect(m?.status).toBe('approved');
    expect(m?.approvedInMeetingId).toBe(f.laterMeetingId);
  });

  it('publishes approved minutes of a public meeting with public items only', async () => {
    const res = await request(t.http).get(path).expect(200);
    expect(res.text).toContain('Öffentlicher Bericht über 120 Beratungen');
    expect(res.text).toContain('Genehmigt in der Sitzung „2. Sitzung 2026“');
    expect(res.text).not.toContain('GEHEIM');
    expect(res.text).not.toContain('Personalangelegenheiten');
    expect(res.text).not.toContain('INTERNER BESCHLUSS');
    const register = await request(t.http).get('/beschluesse').expect(200);
    expect(register.text).toContain('Sprachkurse');
    expect(register.text).not.toContain('INTERNER BESCHLUSS');
    const memberRegister = await member.get('/beschluesse').expect(200);
    expect(memberRegister.text).toContain('INTERNER BESCHLUSS');
    // the meeting page's link (MinutesService.linkInfo) is there for anonymous visitors now
    const meeting = await t.app.get(DataSource).getRepository(Meeting).findOneOrFail({ where: { id: f.meetingId }, relations: { body: true } });
    expect(await t.app.get(MinutesService).linkInfo(meeting, ANONYMOUS)).toEqual({ meetingId: f.meetingId, status: 'approved', readable: true, canStart: false });
    const next = await t.app.get(DataSource).getRepository(Meeting).findOneOrFail({ where: { id: f.laterMeetingId }, relations: { body: true } });
    expect((await t.app.get(MinutesService).linkInfo(next, ANONYMOUS)).readable).toBe(false);
  });

  it('makes approved minutes read-only; corrections only as amendments with a reason', async () => {
    await chair.get(`${path}/bearbeiten`).expect(403);
    await chair.get(`${path}/beschluesse/neu`).expect(403);
    const editForm = await chair.get(path);
    const noReason = await submit(chair, `${path}/berichtigung`, `${path}/berichtigung`, { agendaItemId: String(f.publicItemId), reason: '', text: 'Richtig sind 130 Beratungen.' });
    expect(noReason.status).toBe(422);
    expect(noReason.text).toContain('Richtig sind 130 Beratungen.');
    const ok = await submit(chair, `${path}/berichtigung`, `${path}/berichtigung`, {
      agendaItemId: String(f.publicItemId),
      reason: 'Zahl falsch übertragen',
      text: 'Richtig sind 130 Beratungen.',
    });
    expect(ok.status).toBe(303);
    const page = await request(t.http).get(path).expect(200);
    expect(page.text).toContain('Grund: Zahl falsch übertragen');
    expect(page.text).toContain('Richtig sind 130 Beratungen.');
    expect(page.text).toContain('Öffentlicher Bericht über 120 Beratungen');
    expect(editForm.text).toContain('Berichtigung eintragen');
    // a member cannot add amendments
    const denied = await submit(member, path, `${path}/berichtigung`, { reason: 'x', text: 'y', agendaItemId: '' });
    expect(denied.status).toBe(403);
  });

  it('keeps internal meetings’ approved minutes from anonymous visitors', async () => {
    const ipath = `/sitzungen/${f.internalMeetingId}/protokoll`;
    await submit(chair, ipath, ipath, {});
    await submit(chair, ipath, `${ipath}/verschicken`, {});
    const ok = await submit(chair, `${ipath}/genehmigen`, `${ipath}/genehmigen`, { approvedInMeetingId: String(f.laterMeetingId) });
    expect(ok.status).toBe(303);
    await request(t.http).get(ipath).expect(404);
    await request(t.http).get(`${ipath}/druck`).expect(404);
    await member.get(ipath).expect(200);
  });
});

describe('decision numbering', () => {
  let t: TestApp;
  let f: MinutesFixture;
  let chair: Agent;

  beforeAll(async () => {
    t = await createTestApp();
    f = await createMinutesFixture(t);
    chair = await agentFor(t, f.emails.chair);
    for (const id of [f.meetingId, f.nextYearMeetingId, f.otherBodyMeetingId]) {
      const p = `/sitzungen/${id}/protokoll`;
      await submit(chair, p, p, {});
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const add = async (meetingId: number, text: string): Promise<string> => {
    const p = `/sitzungen/${meetingId}/protokoll`;
    const form = await chair.get(`${p}/beschluesse/neu`);
    const agendaItemId = /<option value="(\d+)">TOP 1/.exec(form.text)?.[1] ?? '';
    const res = await submit(chair, `${p}/beschluesse/neu`, `${p}/beschluesse`, { agendaItemId, text, result: 'adopted', unanimous: 'on' });
    expect(res.status).toBe(303);
    return decodeURIComponent(/#beschluss-(.+)$/.exec(res.headers.location)?.[1] ?? '');
  };

  it('numbers per body and year, restarts each year and never reuses a deleted number', async () => {
    const code = (await t.app.get(DataSource).getRepository(Body).findOneByOrFail({ id: f.bodyId })).code;
    expect(await add(f.meetingId, 'Erster')).toBe(`${code}-2026-01`);
    expect(await add(f.meetingId, 'Zweiter')).toBe(`${code}-2026-02`);
    const second = await t.app.get(DataSource).getRepository(Decision).findOneOrFail({ where: { number: `${code}-2026-02` } });
    const p = `/sitzungen/${f.meetingId}/protokoll`;
    const unconfirmed = await submit(chair, `${p}/beschluesse/${second.id}/bearbeiten`, `${p}/beschluesse/${second.id}/loeschen`, {});
    expect(unconfirmed.status).toBe(422);
    expect(unconfirmed.text).toContain('Ja, endgültig löschen');
    expect(await t.app.get(DataSource).getRepository(Decision).existsBy({ id: second.id })).toBe(true);
    const del = await submit(chair, `${p}/beschluesse/${second.id}/bearbeiten`, `${p}/beschluesse/${second.id}/loeschen`, { bestaetigung: 'ja' });
    expect(del.status).toBe(303);
    expect(await add(f.meetingId, 'Dritter')).toBe(`${code}-2026-03`);
    expect(await add(f.nextYearMeetingId, 'Neues Jahr')).toBe(`${code}-2027-01`);
    expect(await add(f.otherBodyMeetingId, 'Anderes Gremium')).toBe(`X${code}`.slice(0, 10) + '-2026-01');
  });

  it('hands out distinct numbers to concurrent saves', async () => {
    const code = (await t.app.get(DataSource).getRepository(Body).findOneByOrFail({ id: f.bodyId })).code;
    const numbers = await Promise.all(['A', 'B', 'C', 'D'].map((x) => add(f.meetingId, `Parallel ${x}`)));
    expect(new Set(numbers).size).toBe(4);
    for (const n of numbers) expect(n).toMatch(new RegExp(`^${code}-2026-0[4-7]$`));
  });

  it('answers unknown ids with 404, never 500', async () => {
    const p = `/sitzungen/${f.meetingId}/protokoll`;
    await chair.get('/sitzungen/abc/protokoll').expect(404);
    await chair.get('/sitzungen/99999999/protokoll').expect(404);
    await chair.get(`${p}/beschluesse/99999999/bearbeiten`).expect(404);
    await chair.get(`${p}/beschluesse/0/bearbeiten`).expect(404);
    await chair.get(`${p}/aufgaben/99999999/bearbeiten`).expect(404);
    const bogus = await submit(chair, p, `${p}/beschluesse`, { agendaItemId: '99999999', text: 'x', result: 'adopted', unanimous: 'on' });
    expect(bogus.status).toBe(422);
    const weird = await submit(chair, p, `${p}/beschluesse`, { agendaItemId: 'abc', text: 'x', result: 'nonsense', votesYes: '-3' });
    expect(weird.status).toBe(422);
  });
});
