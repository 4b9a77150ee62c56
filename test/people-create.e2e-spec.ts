import request from 'supertest';
import { DataSource } from 'typeorm';
import { type AuditChange, AuditEntry } from '../src/audit/audit-entry.entity.js';
import { todayInBerlin } from '../src/common/dates.js';
import { formatGermanDate } from '../src/common/forms/field-formats.js';
import { Person } from '../src/people/person.entity.js';
import { csrfToken, loggedInAgent, postForm, type Agent } from './helpers/auth.js';
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

  describe('duplicates: the existing entry is offered instead of a silent second one', () => {
    let existingId: number;
    let organisationId: number;

    beforeAll(async () => {
      organisationId = (await t.app.get(DataSource).query<{ id: number }[]>('SELECT id FROM organisations ORDER BY id LIMIT 1'))[0].id;
      const res = await postForm(admin, '/personen/neu', personForm({ givenName: 'Ayşe', familyName: 'Doppelt', organisationId: String(organisationId), email1: 'ayse.doppelt@example.org' }));
      expect(res.status).toBe(303);
      existingId = idFromLocation(res.headers.location, '/personen');
    });

    it('creating a person with an existing e-mail address (any case) offers the existing entry; ticking "trotzdem" creates', async () => {
      const count = await t.app.get(DataSource).getRepository(Person).count();
      const fields = personForm({ givenName: 'A.', familyName: 'Anders', email1: 'AYSE.Doppelt@example.org' });
      const res = await postForm(admin, '/personen/neu', fields);
      expect(res.status).toBe(422);
      expect(res.text).toContain('Schon im Verzeichnis?');
      expect(res.text).toContain(`<a href="/personen/${existingId}">Ayşe Doppelt</a>`);
      expect(res.text).toContain(`href="/personen/${existingId}/bearbeiten"`);
      expect(res.text).toContain('value="Anders"');
      expect(await t.app.get(DataSource).getRepository(Person).count()).toBe(count);
      const anyway = await postForm(admin, '/personen/neu', { ...fields, createAnyway: 'on' });
      expect(anyway.status).toBe(303);
      expect(await t.app.get(DataSource).getRepository(Person).count()).toBe(count + 1);
    });

    it('the same name at the same organisation is a likely duplicate, at another organisation it is not', async () => {
      const same = await postForm(admin, '/personen/neu', personForm({ givenName: 'ayse', familyName: 'DOPPELT', organisationId: String(organisationId) }));
      expect(same.status).toBe(422);
      expect(same.text).toContain('Diese Person steht vermutlich schon im Verzeichnis');
      const elsewhere = await postForm(admin, '/personen/neu', personForm({ givenName: 'Ayşe', familyName: 'Doppelt' }));
      expect(elsewhere.status).toBe(303);
    });

    it('the CSV preview shows a known person as "bereits vorhanden – aktualisieren?" and the import updates instead of creating twice', async () => {
      const people = t.app.get(DataSource).getRepository(Person);
      const count = await people.count();
      const header = 'Vorname;Nachname;E-Mail;Funktion';
      const csv = `${header}\nAyşe;Doppelt;ayse.doppelt@example.org;Beraterin\nNeu;Einmalig;einmalig@example.org;\nNeu;Zweimal;einmalig@example.org;\n`;
      const token = await csrfToken(admin);
      const uploaded = await admin.post('/admin/daten/import').field('_csrf', token).field('kind', 'people').attach('datei', Buffer.from(csv, 'utf8'), 'daten.csv');
      expect(uploaded.status).toBe(303);
      const path = String(uploaded.headers.location);
      const preview = (await admin.get(path).expect(200)).text;
      expect(preview).toContain('bereits vorhanden – aktualisieren?');
      expect(preview).toContain('Diese Person steht schon in Zeile 3 der Datei');

      // without the repeated row the file goes through: the known person is updated, not added
      const fixed = `${header}\nAyşe;Doppelt;ayse.doppelt@example.org;Beraterin\nNeu;Einmalig;einmalig@example.org;\n`;
      const again = await admin.post('/admin/daten/import').field('_csrf', await csrfToken(admin)).field('kind', 'people').attach('datei', Buffer.from(fixed, 'utf8'), 'daten.csv');
      const againPath = String(again.headers.location);
      const html = (await admin.get(againPath).expect(200)).text;
      expect(html).toContain('2 Zeilen: 1 neu, 1 geändert, 0 unverändert, 0 mit Fehlern.');
      expect(html).toContain('bereits vorhanden – aktualisieren?');
      expect((await postForm(admin, againPath)).status).toBe(303);
      expect(await people.count()).toBe(count + 1);
      expect((await people.findOneByOrFail({ id: existingId })).functionTitle).toBe('Beraterin');
      expect(await people.countBy({ familyName: 'Doppelt', organisationId })).toBe(1);
    });
  });
});
