import request from 'supertest';
import { DataSource } from 'typeorm';
import { type AuditChange, AuditEntry } from '../src/audit/audit-entry.entity.js';
import { todayInBerlin } from '../src/common/dates.js';
import { formatGermanDate } from '../src/common/forms/field-formats.js';
import { Person } from '../src/people/person.entity.js';
import { loggedInAgent, postForm, type Agent } from './helpers/auth.js';
import { idFromLocation, personForm } from './helpers/directory.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const PASSWORD = 'Ein langes Testpasswort 2026';

describe('Person anlegen: consent in the same form', () => {
  let t: TestApp;
  let admin: Agent;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loggedInAgent(t, { email: 'anlegen@example.org', password: PASSWORD, isAdmin: true });
  });

  afterAll(async () => {
    await t.close();
  });

  it('offers consent with date (today by default) and the way it was given', async () => {
    const page = await admin.get('/personen/neu').expect(200);
    expect(page.text).toContain('Einwilligung zur Veröffentlichung');
    expect(page.text).toContain(`name="consentDate" type="text" value="${formatGermanDate(todayInBerlin())}"`);
    for (const label of ['Formular', 'E-Mail', 'unterschriebenes Papier']) expect(page.text).toContain(`>${label}</option>`);
    expect(page.text).toContain('name="consentGiven"');
  });

  it('records consent with the person in one step, shows the date as a date and audits it', async () => {
    const res = await postForm(admin, '/personen/neu', personForm({ givenName: 'Mira', familyName: 'Einverstanden', phoneVisibility: 'public', consentGiven: 'on', consentDate: '02.03.2026', consentMethod: 'paper' }));
    expect(res.status).toBe(303);
    const id = idFromLocation(res.headers.location, '/personen');
    const person = await t.app.get(DataSource).getRepository(Person).findOneByOrFail({ id });
    expect(person.consentAt).not.toBeNull();
    expect(person.consentRecordedBy).toBe('anlegen@example.org (unterschriebenes Papier)');
    const consentPage = await admin.get(`/personen/${id}/einwilligung`).expect(200);
    expect(consentPage.text).toContain('Einwilligung erteilt am 02.03.2026, erfasst von anlegen@example.org (unterschriebenes Papier).');
    expect(consentPage.text).not.toContain('00:00 Uhr');
    const edit = await admin.get(`/personen/${id}/bearbeiten`).expect(200);
    expect(edit.text).toContain('Einwilligung erteilt am 02.03.2026,');
    const entries = await t.app.get(DataSource).getRepository(AuditEntry).find({ where: { entityType: 'person', entityId: id }, order: { id: 'ASC' } });
    expect(entries.map((e) => e.action)).toEqual(['create', 'consent']);
    expect((JSON.parse(entries[1].changes) as AuditChange[]).map((c) => c.new)).toContain('anlegen@example.org (unterschriebenes Papier)');
  });

  it('creates without consent when the box is not ticked (date and way ignored)', async () => {
    const res = await postForm(admin, '/personen/neu', personForm({ familyName: 'Ohne-Einwilligung', consentDate: 'kein Datum', consentMethod: '' }));
    expect(res.status).toBe(303);
    const person = await t.app.get(DataSource).getRepository(Person).findOneByOrFail({ id: idFromLocation(res.headers.location, '/personen') });
    expect(person.consentAt).toBeNull();
  });

  it('rejects ticked consent without a usable date or way, or in the future, keeping what was typed', async () => {
    const count = await t.app.get(DataSource).getRepository(Person).count();
    const noWay = await postForm(admin, '/personen/neu', personForm({ familyName: 'Unklar', consentGiven: 'on', consentDate: '31.02.2026', consentMethod: '' }));
    expect(noWay.status).toBe(422);
    expect(noWay.text).toContain('Bitte geben Sie ein gültiges Datum im Format TT.MM.JJJJ ein');
    expect(noWay.text).toContain('Bitte wählen Sie, wie die Person eingewilligt hat.');
    expect(noWay.text).toContain('value="Unklar"');
    expect(noWay.text).toContain('value="31.02.2026"');
    const future = await postForm(admin, '/personen/neu', personForm({ familyName: 'Zukunft', consentGiven: 'on', consentDate: '01.01.2099', consentMethod: 'email' }));
    expect(future.status).toBe(422);
    expect(future.text).toContain('Das Datum der Einwilligung darf nicht in der Zukunft liegen.');
    expect(await t.app.get(DataSource).getRepository(Person).count()).toBe(count);
    expect((await request(t.http).get('/personen/neu')).status).toBe(302);
  });
});
