import { jest } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuditEntry } from '../src/audit/audit-entry.entity.js';
import { Membership } from '../src/bodies/membership.entity.js';
import { Body } from '../src/bodies/body.entity.js';
import { Organisation } from '../src/organisations/organisation.entity.js';
import { Person } from '../src/people/person.entity.js';
import { SearchIndexer } from '../src/search/search-indexer.js';
import { parseCsv } from '../src/transfer/csv-format.js';
import { csrfToken, loggedInAgent, postForm, type Agent } from './helpers/auth.js';
import { idFromLocation, personForm } from './helpers/directory.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const PASSWORD = 'Ein langes Testpasswort 2026';

/** Rows of a CSV text as arrays of cells (header first). */
function table(text: string): string[][] {
  const parsed = parseCsv(text);
  return [parsed.header, ...parsed.rows.map((r) => r.cells)];
}

function csvOf(rows: string[][]): string {
  return `\uFEFF${rows.map((r) => r.map((c) => (/[;"\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(';')).join('\r\n')}\r\n`;
}

describe('CSV export and import', () => {
  let t: TestApp;
  let admin: Agent;
  let member: Agent;
  let ds: DataSource;

  async function upload(agent: Agent, kind: string, content: string | Buffer, name = 'daten.csv'): Promise<request.Response> {
    const token = await csrfToken(agent);
    return agent.post('/admin/daten/import').field('_csrf', token).field('kind', kind).attach('datei', Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), name);
  }

  async function preview(kind: string, content: string): Promise<{ path: string; html: string }> {
    const res = await upload(admin, kind, content);
    if (res.status !== 303) throw new Error(`upload failed: ${res.status} ${res.text.slice(0, 500)}`);
    const path = String(res.headers.location);
    return { path, html: (await admin.get(path).expect(200)).text };
  }

  async function exportOf(kind: string): Promise<string> {
    const res = await admin.get(`/admin/daten/export/${kind}.csv`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
    });
    expect(res.status).toBe(200);
    return res.body as string;
  }

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    admin = await loggedInAgent(t, { email: 'verwaltung@example.org', password: PASSWORD, isAdmin: true });
    member = await loggedInAgent(t, { email: 'mitglied.csv@example.org', password: PASSWORD });
    const office = await ds.getRepository(Organisation).findOneByOrFail({ name: 'Fachstelle Integration' });
    for (const p of [
      personForm({ givenName: 'Jürgen', familyName: 'Größe-Übel', organisationId: String(office.id), phone1: '0385 545-1263', phoneKind2: 'mobile', phone2: '0171 1234567', email1: 'juergen@example.org', languages: 'Deutsch, Türkisch', profile: 'Zeile eins; mit Semikolon\n- und "Anführungszeichen"' }),
      personForm({ givenName: 'Оксана', familyName: 'Ткаченко', phone1: '+380 44 123 4567', email1: 'oksana@example.org', languages: 'uk, ru', phoneVisibility: 'public' }),
    ]) {
      expect((await postForm(admin, '/personen/neu', p)).status).toBe(303);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('is for administrators only', async () => {
    await member.get('/admin/daten').expect(403);
    await member.get('/admin/daten/export/personen.csv').expect(403);
    expect((await upload(member, 'people', 'Nachname\nX\n')).status).toBe(403);
    expect((await request(t.http).get('/admin/daten/export/personen.csv').expect(302)).headers.location).toBe('/anmelden?next=%2Fadmin%2Fdaten%2Fexport%2Fpersonen.csv');
    await admin.get('/admin/daten/export/geheim.csv').expect(404);
    await admin.get('/admin/daten/import/kein-token').expect(404);
  });

  it('exports UTF-8 with BOM, semicolons and proper quoting, umlauts and Cyrillic intact', async () => {
    const res = await admin.get('/admin/daten/export/personen.csv').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="personen.csv"');
    const text = await exportOf('personen');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.split('\r\n')[0]).toBe('\uFEFFID;Anrede;Titel;Vorname;Nachname;Funktion;Organisation;Raum;Straße;PLZ;Ort;Telefon;Mobil;Fax;E-Mail;Sprachen;Profil;Sichtbarkeit Telefon;Sichtbarkeit E-Mail;Sichtbarkeit Anschrift;Einwilligung am;Einwilligung erfasst von');
    expect(text).toContain('"Zeile eins; mit Semikolon\n- und ""Anführungszeichen"""');
    // numbers that Excel would read as a formula carry an apostrophe
    expect(text).toContain(";'+49 385 5451263;'+49 171 1234567;");
    const rows = table(text);
    const oksana = rows.find((r) => r[4] === 'Ткаченко');
    expect(oksana?.slice(3, 5)).toEqual(['Оксана', 'Ткаченко']);
    expect(oksana?.[11]).toBe('+380 44 123 4567');
    expect(oksana?.[15]).toBe('Russisch, Ukrainisch');
    expect(oksana?.[17]).toBe('öffentlich');
    const orgs = table(await exportOf('organisationen'));
    expect(orgs[0]).toEqual(['ID', 'Name', 'Kurzname', 'Art', 'Gehört zu', 'Straße', 'PLZ', 'Ort', 'Telefon', 'Fax', 'E-Mail', 'Internetseite', 'Beschreibung']);
    expect(orgs.find((r) => r[1] === 'Fachstelle Integration')?.[4]).toBe('Landeshauptstadt Schwerin');
    const memberships = table(await exportOf('mitgliedschaften'));
    expect(memberships.find((r) => r[1] === 'NM')).toEqual(expect.arrayContaining(['Netzwerk Migration', 'Dimitri Avramenko', 'Vorsitz', 'ja', 'Landeshauptstadt Schwerin', '01.09.2008', 'Leitung und Geschäftsführung']));
  });

  it('round-trips: importing an export unchanged changes nothing', async () => {
    for (const kind of ['people', 'organisations', 'memberships']) {
      const slug = { people: 'personen', organisations: 'organisationen', memberships: 'mitgliedschaften' }[kind] ?? '';
      const { html } = await preview(kind, await exportOf(slug));
      expect(html).toMatch(/Zeilen: 0 neu, 0 geändert, \d+ unverändert, 0 mit Fehlern\./);
      expect(html).toContain('Die Datei enthält keine Änderungen.');
      expect(html).not.toContain('Import bestätigen');
    }
  });

  it('previews new and changed rows field by field, writes only on confirmation, with audit entries', async () => {
    const rows = table(await exportOf('personen'));
    const header = rows[0];
    const col = (name: string): number => header.indexOf(name);
    const juergen = rows.find((r) => r[col('Nachname')] === 'Größe-Übel');
    if (!juergen) throw new Error('row missing');
    juergen[col('Vorname')] = 'Jörg';
    juergen[col('Mobil')] = '0171 7654321';
    const fresh = header.map(() => '');
    fresh[col('Vorname')] = 'Đặng';
    fresh[col('Nachname')] = 'Văn Minh';
    fresh[col('Telefon')] = '0385 2000000';
    fresh[col('Sprachen')] = 'Vietnamesisch';
    fresh[col('Sichtbarkeit Telefon')] = 'öffentlich';
    const { path, html } = await preview('people', csvOf([header, juergen, fresh]));
    expect(html).toContain('2 Zeilen: 1 neu, 1 geändert, 0 unverändert, 0 mit Fehlern.');
    expect(html).toMatch(/<strong>Vorname:<\/strong> Jürgen <span aria-hidden="true">→<\/span><span class="visually-hidden"> wird zu <\/span> Jörg/);
    expect(html).toContain('Mobil +49 171 1234567');
    expect(html).toContain('Mobil +49 171 7654321');
    expect(html).toContain('Đặng Văn Minh');
    // nothing written yet
    expect(await ds.getRepository(Person).countBy({ familyName: 'Văn Minh' })).toBe(0);
    expect(await ds.getRepository(Person).countBy({ givenName: 'Jörg' })).toBe(0);

    const done = await postForm(admin, path);
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/admin/daten?importiert=2');
    expect((await admin.get('/admin/daten?importiert=2').expect(200)).text).toContain('Import abgeschlossen: 2 Einträge angelegt oder geändert.');
    const joerg = await ds.getRepository(Person).findOneOrFail({ where: { givenName: 'Jörg' }, relations: { phones: true } });
    expect(joerg.phones.map((p) => p.number).sort()).toEqual(['+49 171 7654321', '+49 385 5451263']);
    const minh = await ds.getRepository(Person).findOneOrFail({ where: { familyName: 'Văn Minh' }, relations: { phones: true, languages: true } });
    expect(minh).toMatchObject({ givenName: 'Đặng', phoneVisibility: 'public', phones: [{ number: '+49 385 2000000', kind: 'work' }], languages: [{ code: 'vi' }] });
    const entries = await ds.getRepository(AuditEntry).find({ where: { action: 'import' } });
    expect(entries.map((e) => e.entityId).sort()).toEqual([joerg.id, minh.id].sort());
    expect((await request(t.http).get('/suche?q=Jorg').expect(200)).text).toContain(`href="/personen/${joerg.id}"`);
    // a draft is used once
    expect((await postForm(admin, path)).status).toBe(404);
  });

  it('shows every row’s errors and writes nothing when any row is wrong', async () => {
    const before = await ds.getRepository(Person).count();
    const auditBefore = await ds.getRepository(AuditEntry).count();
    const csv = csvOf([
      ['ID', 'Vorname', 'Nachname', 'Telefon', 'E-Mail', 'Sprachen', 'Organisation'],
      ['', 'Gut', 'Erste Zeile', '0385 1111111', 'gut@example.org', 'de', ''],
      ['', 'Schlecht', '', '0385 5', 'kein-at', 'Klingonisch', 'Unbekannter Verein'],
      ['99999', 'Geist', 'Unbekannt', '', '', '', ''],
      ['', 'Auch gut', 'Letzte Zeile', '', '', '', ''],
    ]);
    const { path, html } = await preview('people', csv);
    expect(html).toContain('4 Zeilen: 2 neu, 0 geändert, 0 unverändert, 2 mit Fehlern.');
    expect(html).toContain('Nachname: Bitte geben Sie den Nachnamen ein.');
    expect(html).toContain('Telefon/Mobil/Fax: Bitte geben Sie eine gültige Telefonnummer mit Vorwahl ein');
    expect(html).toContain('E-Mail: Bitte geben Sie eine gültige E-Mail-Adresse ein');
    expect(html).toContain('Sprachen: Die Sprache „Klingonisch“ kennt das Verzeichnis nicht.');
    expect(html).toContain('Organisation: Eine Organisation „Unbekannter Verein“ gibt es nicht im Verzeichnis.');
    expect(html).toContain('ID: Eine Person mit der ID 99999 gibt es nicht im Verzeichnis.');
    expect(html).toContain('<th scope="row">3</th>');
    expect(html).not.toContain('Import bestätigen');
    const forced = await postForm(admin, path);
    expect(forced.status).toBe(422);
    expect(forced.text).toContain('Nichts wurde importiert');
    expect(await ds.getRepository(Person).count()).toBe(before);
    expect(await ds.getRepository(AuditEntry).count()).toBe(auditBefore);
  });

  it('writes nothing when an import fails half-way through writing (one transaction)', async () => {
    const before = await ds.getRepository(Person).count();
    const auditBefore = await ds.getRepository(AuditEntry).count();
    const csv = csvOf([['Vorname', 'Nachname'], ['Eins', 'Halbwegs'], ['Zwei', 'Halbwegs'], ['Drei', 'Halbwegs']]);
    const { path } = await preview('people', csv);
    const indexer = t.app.get(SearchIndexer);
    const original = indexer.reindex.bind(indexer);
    let calls = 0;
    const spy = jest.spyOn(indexer, 'reindex').mockImplementation(async (...args) => {
      calls++;
      if (calls === 2) throw new Error('disk full');
      return original(...args);
    });
    try {
      const res = await postForm(admin, path);
      expect(res.status).toBe(500);
    } finally {
      spy.mockRestore();
    }
    expect(calls).toBe(2);
    expect(await ds.getRepository(Person).countBy({ familyName: 'Halbwegs' })).toBe(0);
    expect(await ds.getRepository(Person).count()).toBe(before);
    expect(await ds.getRepository(AuditEntry).count()).toBe(auditBefore);
    // the draft is still there and now goes through
    expect((await postForm(admin, path)).status).toBe(303);
    expect(await ds.getRepository(Person).countBy({ familyName: 'Halbwegs' })).toBe(3);
  });

  it('asks again when the directory changed since the preview', async () => {
    const row = table(await exportOf('personen')).find((r) => r[4] === 'Ткаченко');
    if (!row) throw new Error('row missing');
    const id = Number(row[0]);
    const { path } = await preview('people', csvOf([['ID', 'Funktion'], [String(id), 'Kulturmittlerin']]));
    await postForm(admin, `/personen/${id}/bearbeiten`, personForm({ givenName: 'Оксана', familyName: 'Ткаченко', functionTitle: 'Vorsitzende', languages: 'uk, ru' }));
    const res = await postForm(admin, path);
    expect(res.status).toBe(409);
    expect(res.text).toContain('haben sich seit der Vorschau geändert');
    expect(res.text).toContain('Vorsitzende');
    expect((await postForm(admin, path)).status).toBe(303);
    expect((await ds.getRepository(Person).findOneByOrFail({ id })).functionTitle).toBe('Kulturmittlerin');
  });

  it('keeps drafts to the administrator who uploaded them', async () => {
    const other = await loggedInAgent(t, { email: 'andere.verwaltung@example.org', password: PASSWORD, isAdmin: true });
    const { path } = await preview('people', csvOf([['Nachname'], ['Fremd']]));
    await other.get(path).expect(404);
    expect((await postForm(other, path)).status).toBe(404);
  });

  it('rejects uploads that are no usable CSV with a message at the field (422)', async () => {
    const missing = await admin.post('/admin/daten/import').field('_csrf', await csrfToken(admin)).field('kind', 'people');
    expect(missing.status).toBe(422);
    expect(missing.text).toContain('Bitte wählen Sie eine CSV-Datei aus.');
    expect(missing.text).toMatch(/id="import-datei"[^>]*aria-invalid="true"/);
    const noKind = await upload(admin, '', 'Nachname\nX\n');
    expect(noKind.status).toBe(422);
    expect(noKind.text).toContain('Bitte wählen Sie, was importiert wird.');
    const broken = await upload(admin, 'people', 'Nachname;Vorname\n"offen;X\n');
    expect(broken.status).toBe(422);
    expect(broken.text).toContain('Die Datei ist keine lesbare CSV-Datei');
    const unknownColumn = await preview('people', 'Nachname;Telefonnumer\nX;1\n');
    expect(unknownColumn.html).toContain('Unbekannte Spalte „Telefonnumer“');
    // without the CSRF token the upload is refused before anything is read
    const forged = await admin.post('/admin/daten/import').field('kind', 'people').attach('datei', Buffer.from('Nachname\nX\n'), 'x.csv');
    expect(forged.status).toBe(403);
  });

  it('reads Windows-1252 files from older Excel versions', async () => {
    const latin1 = Buffer.from('Vorname;Nachname\r\nJürgen;Weiß-Ökonom\r\n', 'latin1');
    const res = await upload(admin, 'people', latin1);
    const html = (await admin.get(String(res.headers.location)).expect(200)).text;
    expect(html).toContain('Jürgen Weiß-Ökonom');
  });

  it('imports organisations and memberships', async () => {
    const orgCsv = csvOf([['Name', 'Art', 'Gehört zu', 'Telefon'], ['Мост e. V. – Brücke', 'Verein', '', '0385 3000000'], ['Ortsgruppe Lankow', 'Verein', 'Landeshauptstadt Schwerin', '']]);
    const { path } = await preview('organisations', orgCsv);
    expect((await postForm(admin, path)).status).toBe(303);
    const most = await ds.getRepository(Organisation).findOneByOrFail({ name: 'Мост e. V. – Brücke' });
    expect(most).toMatchObject({ kind: 'association', phone: '+49 385 3000000' });
    expect((await ds.getRepository(Organisation).findOneOrFail({ where: { name: 'Ortsgruppe Lankow' }, relations: { parent: true } })).parent?.name).toBe('Landeshauptstadt Schwerin');

    const person = await ds.getRepository(Person).findOneByOrFail({ familyName: 'Ткаченко' });
    const board = await ds.getRepository(Body).findOneByOrFail({ code: 'BB' });
    const mCsv = csvOf([
      ['Kürzel', 'Person-ID', 'Rolle', 'Stimmrecht', 'Für Organisation', 'Beginn', 'Ende', 'Anmerkung'],
      ['bb', String(person.id), 'Stellvertretendes Mitglied', 'ja', 'Мост e. V. – Brücke', '01.02.2024', '', 'Vertretung'],
    ]);
    const m = await preview('memberships', mCsv);
    expect(m.html).toContain('1 Zeilen: 1 neu');
    expect((await postForm(admin, m.path)).status).toBe(303);
    expect(await ds.getRepository(Membership).findOneByOrFail({ personId: person.id, bodyId: board.id })).toMatchObject({ role: 'deputy_member', votingRight: true, onBehalfOfId: most.id, startDate: '2024-02-01' });

    const bad = await preview('memberships', csvOf([['Kürzel', 'Person-ID', 'Rolle', 'Beginn'], ['XX', '99999', 'Königin', '31.02.2024']]));
    expect(bad.html).toContain('Kürzel: Ein Gremium mit dem Kürzel „XX“ gibt es nicht.');
    expect(bad.html).toContain('Person-ID: Eine Person mit der ID „99999“ gibt es nicht im Verzeichnis.');
    expect(bad.html).toContain('Rolle: Bitte wählen Sie eine Rolle.');
    expect(bad.html).toContain('Beginn: Bitte geben Sie ein gültiges Datum im Format TT.MM.JJJJ ein');
  });

  it('a new person row needs no id; ids of removed people are refused', async () => {
    const id = idFromLocation((await postForm(admin, '/personen/neu', personForm({ familyName: 'Bald weg' }))).headers.location, '/personen');
    await postForm(admin, `/personen/${id}/entfernen`, { confirm: 'on' });
    const { html } = await preview('people', csvOf([['ID', 'Nachname'], [String(id), 'Wieder da']]));
    expect(html).toContain(`ID: Eine Person mit der ID ${id} gibt es nicht im Verzeichnis.`);
  });
});
