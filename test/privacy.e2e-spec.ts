import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuditEntry } from '../src/audit/audit-entry.entity.js';
import { Account } from '../src/auth/account.entity.js';
import { Session } from '../src/auth/session.entity.js';
import { Body } from '../src/bodies/body.entity.js';
import { Membership } from '../src/bodies/membership.entity.js';
import { DatabaseService } from '../src/database/database.service.js';
import { Organisation } from '../src/organisations/organisation.entity.js';
import { Person } from '../src/people/person.entity.js';
import { SearchDocument } from '../src/search/search-document.entity.js';
import { createAccount, login, loggedInAgent, postForm, type Agent } from './helpers/auth.js';
import { auditEntriesOf, idFromLocation, personForm } from './helpers/directory.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const PASSWORD = 'Ein langes Testpasswort 2026';

describe('GDPR: consent, export and erasure', () => {
  let t: TestApp;
  let admin: Agent;
  let member: Agent;
  let board: Body;
  let officeId: number;

  async function createPerson(fields: Record<string, string>): Promise<number> {
    const res = await postForm(admin, '/personen/neu', personForm(fields));
    if (res.status !== 303) throw new Error(`create failed: ${res.status}`);
    return idFromLocation(res.headers.location, '/personen');
  }

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loggedInAgent(t, { email: 'verwaltung@example.org', password: PASSWORD, isAdmin: true });
    member = await loggedInAgent(t, { email: 'mitglied.dsgvo@example.org', password: PASSWORD });
    board = await t.app.get(DataSource).getRepository(Body).findOneByOrFail({ code: 'BB' });
    officeId = (await t.app.get(DataSource).getRepository(Organisation).findOneByOrFail({ name: 'Fachstelle Integration' })).id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps the consent and privacy pages for administrators', async () => {
    const id = await createPerson({ familyName: 'Zugriffsprobe' });
    for (const path of [`/personen/${id}/einwilligung`, `/personen/${id}/datenschutz`, `/personen/${id}/datenschutz/export.json`, `/personen/${id}/datenschutz/export.vcf`]) {
      await member.get(path).expect(403);
      expect((await request(t.http).get(path).expect(302)).headers.location).toMatch(/^\/anmelden\?next=/);
    }
    expect((await postForm(member, `/personen/${id}/einwilligung`, { consentDate: '01.03.2026', note: '', confirm: 'on' })).status).toBe(403);
    expect((await postForm(member, `/personen/${id}/datenschutz/loeschen`, { confirm: 'on' })).status).toBe(403);
    expect((await t.app.get(DataSource).getRepository(Person).findOneByOrFail({ id })).consentAt).toBeNull();
    await admin.get('/personen/99999/einwilligung').expect(404);
  });

  it('shows public contact fields to the public only with consent; withdrawal hides them at once everywhere', async () => {
    const id = await createPerson({
      givenName: 'Amina',
      familyName: 'Yılmaz-Öztürk',
      organisationId: String(officeId),
      phone1: '0385 545-1270',
      email1: 'amina@example.org',
      room: '3.01',
      phoneVisibility: 'public',
      emailVisibility: 'public',
      addressVisibility: 'public',
    });
    await t.app.get(DatabaseService).write((m) => m.getRepository(Membership).save({ bodyId: board.id, personId: id, role: 'member', startDate: '2024-01-01' }));
    const visible = async (): Promise<boolean[]> => {
      const anon = request(t.http);
      return [
        (await anon.get(`/personen/${id}`).expect(200)).text.includes('+49 385 5451270'),
        (await anon.get('/personen?q=Yilmaz').expect(200)).text.includes('amina@example.org'),
        (await anon.get(`/personen/${id}/vcard`).expect(200)).text.includes('+49 385 5451270'),
        (await anon.get(`/gremien/${board.id}/vcard`).expect(200)).text.includes('amina@example.org'),
      ];
    };
    expect(await visible()).toEqual([false, false, false, false]);
    expect((await member.get(`/personen/${id}`).expect(200)).text).toContain('+49 385 5451270');

    const page = (await admin.get(`/personen/${id}/einwilligung`).expect(200)).text;
    expect(page).toContain('Keine Einwilligung erfasst');
    const missingTick = await postForm(admin, `/personen/${id}/einwilligung`, { consentDate: '01.03.2026', note: 'schriftlich', confirm: '' });
    expect(missingTick.status).toBe(422);
    expect(missingTick.text).toContain('value="schriftlich"');
    const impossible = await postForm(admin, `/personen/${id}/einwilligung`, { consentDate: '31.02.2026', note: '', confirm: 'on' });
    expect(impossible.status).toBe(422);
    expect(impossible.text).toContain('Bitte geben Sie ein gültiges Datum im Format TT.MM.JJJJ ein');
    const future = await postForm(admin, `/personen/${id}/einwilligung`, { consentDate: '01.01.2199', note: '', confirm: 'on' });
    expect(future.status).toBe(422);
    expect(future.text).toContain('Das Datum der Einwilligung darf nicht in der Zukunft liegen.');

    expect((await postForm(admin, `/personen/${id}/einwilligung`, { consentDate: '02.03.2026', note: 'schriftlich', confirm: 'on' })).status).toBe(303);
    const stored = await t.app.get(DataSource).getRepository(Person).findOneByOrFail({ id });
    expect(stored.consentRecordedBy).toBe('verwaltung@example.org (schriftlich)');
    expect(stored.consentAt?.toISOString()).toBe('2026-03-01T23:00:00.000Z');
    expect((await admin.get(`/personen/${id}/einwilligung`).expect(200)).text).toContain('Einwilligung erteilt am 02.03.2026, erfasst von verwaltung@example.org (schriftlich)');
    expect(await visible()).toEqual([true, true, true, true]);

    expect((await postForm(admin, `/personen/${id}/einwilligung/widerrufen`, {})).status).toBe(422);
    expect((await postForm(admin, `/personen/${id}/einwilligung/widerrufen`, { confirm: 'on' })).status).toBe(303);
    expect(await visible()).toEqual([false, false, false, false]);
    expect((await member.get(`/personen/${id}/vcard`).expect(200)).text).toContain('+49 385 5451270');
    const consentEntries = (await auditEntriesOf(t, 'person', id)).filter((e) => e.action === 'consent');
    expect(consentEntries.map((e) => e.parsed)).toEqual([
      [
        { field: 'consentAt', label: 'Einwilligung erteilt am', old: null, new: '02.03.2026, 00:00 Uhr' },
        { field: 'consentRecordedBy', label: 'Einwilligung erfasst von', old: null, new: 'verwaltung@example.org (schriftlich)' },
      ],
      [
        { field: 'consentAt', label: 'Einwilligung erteilt am', old: '02.03.2026, 00:00 Uhr', new: null },
        { field: 'consentRecordedBy', label: 'Einwilligung erfasst von', old: 'verwaltung@example.org (schriftlich)', new: null },
      ],
    ]);
    // nothing left to withdraw
    expect((await postForm(admin, `/personen/${id}/einwilligung/widerrufen`, { confirm: 'on' })).status).toBe(422);
  });

  it('exports everything stored about a person as JSON and as a vCard, hidden fields included', async () => {
    const id = await createPerson({
      givenName: 'Дмитрий',
      familyName: 'Соколов',
      functionTitle: 'Kulturmittler',
      phone1: '0385 1234567',
      phoneVisibility: 'hidden',
      email1: 'sokolov@example.org',
      languages: 'ru, uk',
      profile: 'Kultur verbindet.',
    });
    await t.app.get(DatabaseService).write((m) => m.getRepository(Membership).save({ bodyId: board.id, personId: id, role: 'guest', startDate: '2023-05-01', endDate: '2024-04-30' }));
    await createAccount(t, { email: 'sokolov@example.org', password: PASSWORD, personId: id });

    const res = await admin.get(`/personen/${id}/datenschutz/export.json`).expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="person-${id}-daten.json"`);
    expect(res.headers['cache-control']).toBe('no-store');
    const data = JSON.parse(res.text) as Record<string, unknown> & { person: Record<string, unknown>; mitgliedschaften: unknown[]; konto: Record<string, unknown>; aenderungsprotokoll: { aktion: string }[] };
    expect(data.person).toMatchObject({
      vorname: 'Дмитрий',
      nachname: 'Соколов',
      funktion: 'Kulturmittler',
      telefonnummern: [{ art: 'Telefon', nummer: '+49 385 1234567' }],
      emailAdressen: ['sokolov@example.org'],
      sprachen: [
        { code: 'ru', name: 'Russisch' },
        { code: 'uk', name: 'Ukrainisch' },
      ],
      profil: 'Kultur verbindet.',
      einwilligung: null,
    });
    expect(data.mitgliedschaften).toEqual([
      { gremium: board.name, rolle: 'Gast', stimmrecht: false, fuerOrganisation: null, beginn: '01.05.2023', ende: '30.04.2024', anmerkung: null },
    ]);
    expect(data.konto).toMatchObject({ email: 'sokolov@example.org', administration: false, gesperrtSeit: null });
    expect(JSON.stringify(data.konto)).not.toContain('argon2');
    expect(data.aenderungsprotokoll.map((e) => e.aktion)).toEqual(['angelegt']);

    const vcard = await admin.get(`/personen/${id}/datenschutz/export.vcf`).expect(200);
    expect(vcard.headers['content-type']).toBe('text/vcard; charset=utf-8');
    expect(vcard.text).toContain('TEL;TYPE=WORK,VOICE:+49 385 1234567');
    expect(vcard.text).toContain('FN:Дмитрий Соколов');
    // the ordinary vCard keeps the hidden number to itself, also for administrators
    expect((await admin.get(`/personen/${id}/vcard`).expect(200)).text).not.toContain('+49 385 1234567');
  });

  it('erases a person: data gone from pages, search, vCards and the log; account disabled, sessions ended; history keeps a placeholder', async () => {
    const id = await createPerson({
      givenName: 'Fereshteh',
      familyName: 'Rahimi-Erasmus',
      functionTitle: 'Vorsitzende',
      phone1: '0385 7654321',
      email1: 'fereshteh@example.org',
      phoneVisibility: 'public',
      emailVisibility: 'members',
      languages: 'Persisch, Paschtu',
    });
    await postForm(admin, `/personen/${id}/einwilligung`, { consentDate: '01.02.2026', note: '', confirm: 'on' });
    const membershipId = await t.app.get(DatabaseService).write(async (m) => (await m.getRepository(Membership).save({ bodyId: board.id, personId: id, role: 'member', startDate: '2022-01-01', note: 'Migrantenbeirat' })).id);
    const personal = await loggedInAgent(t, { email: 'fereshteh@example.org', password: PASSWORD, personId: id });
    await personal.get('/konto').expect(200);
    const account = await t.app.get(DataSource).getRepository(Account).findOneByOrFail({ email: 'fereshteh@example.org' });
    expect(await t.app.get(DataSource).getRepository(Session).countBy({ accountId: account.id })).toBeGreaterThan(0);

    const overview = (await admin.get(`/personen/${id}/datenschutz`).expect(200)).text;
    expect(overview).toContain('Die Person hat ein Konto');
    expect((await postForm(admin, `/personen/${id}/datenschutz/loeschen`, {})).status).toBe(422);
    expect((await postForm(admin, `/personen/${id}/datenschutz/loeschen`, { confirm: 'on' })).status).toBe(303);

    const ds = t.app.get(DataSource);
    // pages, search, vCards
    for (const agent of [request.agent(t.http), member]) {
      await agent.get(`/personen/${id}`).expect(404);
      await agent.get(`/personen/${id}/vcard`).expect(404);
      expect((await agent.get('/personen?q=Rahimi').expect(200)).text).toContain('Keine Personen gefunden');
      expect((await agent.get('/suche?q=Fereshteh').expect(200)).text).toContain('Keine Treffer');
      expect((await agent.get(`/gremien/${board.id}/vcard`).expect(200)).text).not.toContain('Rahimi');
    }
    expect(await ds.getRepository(SearchDocument).countBy({ kind: 'person', refId: id })).toBe(0);
    // membership history keeps a neutral placeholder, without link
    const bodyPage = (await member.get(`/gremien/${board.id}`).expect(200)).text;
    expect(bodyPage).not.toContain('Rahimi');
    expect(bodyPage.slice(bodyPage.indexOf('Ehemalige Mitglieder'))).toContain('<th scope="row">Gelöschte Person</th>');
    expect((await ds.getRepository(Membership).findOneByOrFail({ id: membershipId })).endDate).not.toBeNull();
    // the stored row holds nothing personal any more
    const row = await ds.getRepository(Person).findOneOrFail({ where: { id }, withDeleted: true, relations: { phones: true, emails: true, languages: true } });
    expect(row).toMatchObject({ givenName: '', familyName: 'Gelöschte Person', functionTitle: null, consentAt: null, consentRecordedBy: null, phones: [], emails: [], languages: [] });
    expect(row.deletedAt).toBeInstanceOf(Date);
    // the account: disabled, sessions ended, e-mail gone; its old session is logged out
    const after = await ds.getRepository(Account).findOneByOrFail({ id: account.id });
    expect(after).toMatchObject({ email: `geloescht-${account.id}@konto.invalid`, personId: null });
    expect(after.disabledAt).toBeInstanceOf(Date);
    expect(await ds.getRepository(Session).countBy({ accountId: account.id })).toBe(0);
    expect((await personal.get('/konto').expect(302)).headers.location).toMatch(/^\/anmelden/);
    await expect(login(request.agent(t.http), 'fereshteh@example.org', PASSWORD)).rejects.toThrow(/422/);
    // the audit log keeps what happened, not the values
    const log = await ds.getRepository(AuditEntry).find();
    const text = JSON.stringify(log);
    for (const gone of ['Rahimi', 'Fereshteh', '7654321', 'fereshteh@example.org']) expect(text).not.toContain(gone);
    expect((await auditEntriesOf(t, 'person', id)).map((e) => e.action)).toEqual(['create', 'consent', 'erase']);
    expect((await admin.get('/admin/protokoll?q=Rahimi').expect(200)).text).toContain('Keine Einträge');
    // nothing left to export or erase
    await admin.get(`/personen/${id}/datenschutz`).expect(404);
    await admin.get(`/personen/${id}/datenschutz/export.json`).expect(404);
  });

  it('can export and erase a person already removed from the directory', async () => {
    const id = await createPerson({ givenName: 'Kai', familyName: 'Entfernt' });
    await postForm(admin, `/personen/${id}/entfernen`, { confirm: 'on' });
    await admin.get(`/personen/${id}`).expect(404);
    expect((await admin.get(`/personen/${id}/datenschutz`).expect(200)).text).toContain('aus dem Verzeichnis entfernt');
    const data = JSON.parse((await admin.get(`/personen/${id}/datenschutz/export.json`).expect(200)).text) as { person: { ausDemVerzeichnisEntferntAm: string | null } };
    expect(data.person.ausDemVerzeichnisEntferntAm).not.toBeNull();
    expect((await postForm(admin, `/personen/${id}/datenschutz/loeschen`, { confirm: 'on' })).status).toBe(303);
    expect((await t.app.get(DataSource).getRepository(Person).findOneOrFail({ where: { id }, withDeleted: true })).familyName).toBe('Gelöschte Person');
  });
});
