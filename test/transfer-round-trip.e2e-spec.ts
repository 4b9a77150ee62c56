import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { Body } from '../src/bodies/body.entity.js';
import { Membership } from '../src/bodies/membership.entity.js';
import { Organisation } from '../src/organisations/organisation.entity.js';
import { Person } from '../src/people/person.entity.js';
import { csrfToken, loggedInAgent, postForm, type Agent } from './helpers/auth.js';
import { personForm } from './helpers/directory.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const PASSWORD = 'Ein langes Testpasswort 2026';

/** The note a chair could type to attack the administrator's spreadsheet. */
const INJECTION_NOTE = "Notiz\n=cmd|' /C calc'!A0";
const MULTI_LINE_PROFILE = 'Aufgaben:\nBeratung von Geflüchteten\nSprachmittlung';
const FORMULA_PROFILE = '=HYPERLINK("http://example.org/x","Klick")\n-5 Grad ist kein Minus';
const APOSTROPHE_NOTE = "'=so getippt";
const MULTI_LINE_DESCRIPTION = 'Beratung für Zugewanderte\n@Treffpunkt Marienplatz\n+ offene Sprechstunde';

/** A plain RFC 4180 reader for the export (semicolons, CRLF between records); throws on a bare line break outside quotes. */
function rfc4180(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = text.startsWith('\uFEFF') ? 1 : 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ';') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      i++;
    } else if (c === '\n' || c === '\r') throw new Error(`line break outside quotes at offset ${i}`);
    else cell += c;
  }
  if (quoted) throw new Error('unterminated quote');
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** The value a cell stands for: the export's formula apostrophe removed. */
function value(cell: string): string {
  return /^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

describe('CSV export: one record per row, no formulas, exact round trip (independent parsers)', () => {
  let t: TestApp;
  let admin: Agent;
  let ds: DataSource;

  async function exportOf(slug: string): Promise<string> {
    const res = await admin.get(`/admin/daten/export/${slug}.csv`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
    });
    expect(res.status).toBe(200);
    return res.body as string;
  }

  /** The export read by csv-parse and by the RFC 4180 reader: both must agree, record by record. */
  function readBoth(text: string): string[][] {
    const byLibrary: string[][] = parse(text, { delimiter: ';', bom: true });
    const byHand = rfc4180(text);
    expect(byHand).toEqual(byLibrary);
    // a spreadsheet runs a cell as a formula by its first character; none may start one
    expect(byHand.flat().filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    return byHand;
  }

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    admin = await loggedInAgent(t, { email: 'export.rundreise@example.org', password: PASSWORD, isAdmin: true });
    const people: Record<string, string>[] = [
      { givenName: 'Оксана', familyName: 'Ткаченко-Рундрайзе', profile: MULTI_LINE_PROFILE, phone1: '+49 385 545-1263' },
      { givenName: 'محمد', familyName: 'العلي', profile: FORMULA_PROFILE, languages: 'Arabisch, Deutsch' },
      { givenName: 'Nguyễn Thị', familyName: 'Hương', profile: '+ Dolmetschen\n- Begleitung', functionTitle: '@Beratung' },
    ];
    for (const p of people) expect((await postForm(admin, '/personen/neu', personForm(p))).status).toBe(303);
    const org = await postForm(admin, '/organisationen/neu', {
      name: 'Ассоциация Рундрайзе e. V.', kind: 'association', parentId: '', shortName: '', street: '', postalCode: '', locality: '', phone: '', fax: '', email: '', website: '',
      description: MULTI_LINE_DESCRIPTION,
    });
    expect(org.status).toBe(303);
    const body = await ds.getRepository(Body).findOneByOrFail({ code: 'NM' });
    const personIds = await Promise.all(['Ткаченко-Рундрайзе', 'العلي', 'Hương'].map(async (familyName) => (await ds.getRepository(Person).findOneByOrFail({ familyName })).id));
    const notes = [INJECTION_NOTE, APOSTROPHE_NOTE, 'Vertretung\nder Stadt'];
    for (const [i, personId] of personIds.entries()) {
      const res = await postForm(admin, `/gremien/${body.id}/mitgliedschaften/neu`, {
        personId: String(personId), role: 'member', votingRight: 'on', onBehalfOfId: '', startDate: '01.04.2024', endDate: '', note: notes[i],
      });
      expect(res.status).toBe(303);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps multi-line text and formula-looking text in one cell each, as typed, in every script', async () => {
    const people = readBoth(await exportOf('personen'));
    const header = people[0];
    const col = (name: string): number => header.indexOf(name);
    expect(people.every((r) => r.length === header.length)).toBe(true);
    const byFamily = (name: string): string[] | undefined => people.find((r) => r[col('Nachname')] === name);
    expect(byFamily('Ткаченко-Рундрайзе')?.[col('Vorname')]).toBe('Оксана');
    expect(byFamily('Ткаченко-Рундрайзе')?.[col('Profil')]).toBe(MULTI_LINE_PROFILE);
    expect(byFamily('Ткаченко-Рундрайзе')?.[col('Telefon')]).toBe("'+49 385 5451263");
    expect(byFamily('العلي')?.[col('Vorname')]).toBe('محمد');
    expect(value(byFamily('العلي')?.[col('Profil')] ?? '')).toBe(FORMULA_PROFILE);
    expect(byFamily('Hương')?.[col('Vorname')]).toBe('Nguyễn Thị');
    expect(value(byFamily('Hương')?.[col('Funktion')] ?? '')).toBe('@Beratung');
    // the export has exactly one record per person
    expect(people.length - 1).toBe(await ds.getRepository(Person).count());

    const orgs = readBoth(await exportOf('organisationen'));
    expect(orgs.find((r) => r[1] === 'Ассоциация Рундрайзе e. V.')?.[12]).toBe(MULTI_LINE_DESCRIPTION);
    expect(orgs.length - 1).toBe(await ds.getRepository(Organisation).count());

    const memberships = readBoth(await exportOf('mitgliedschaften'));
    const note = (person: string): string | undefined => memberships.find((r) => r[4].includes(person))?.[10];
    expect(note('Оксана')).toBe(INJECTION_NOTE);
    expect(note('محمد')).toBe(`'${APOSTROPHE_NOTE}`);
    expect(value(note('محمد') ?? '')).toBe(APOSTROPHE_NOTE);
    expect(note('Nguyễn')).toBe('Vertretung\nder Stadt');
    expect(memberships.length - 1).toBe(await ds.getRepository(Membership).count());
    // no cell of any export continues a record on a new line (the old bug: "=cmd…" as a row of its own)
    for (const table of [people, orgs, memberships]) expect(table.every((r) => r.length === table[0].length)).toBe(true);
  });

  it('imports its own export without changes, notes and profiles exactly as stored', async () => {
    for (const [kind, slug] of [['people', 'personen'], ['organisations', 'organisationen'], ['memberships', 'mitgliedschaften']]) {
      const token = await csrfToken(admin);
      const res = await admin.post('/admin/daten/import').field('_csrf', token).field('kind', kind).attach('datei', Buffer.from(await exportOf(slug), 'utf8'), 'export.csv');
      expect(res.status).toBe(303);
      const html = (await admin.get(String(res.headers.location)).expect(200)).text;
      expect(html).toMatch(/Zeilen: 0 neu, 0 geändert, \d+ unverändert, 0 mit Fehlern\./);
      expect(html).toContain('Die Datei enthält keine Änderungen.');
    }
    const stored = await ds.getRepository(Membership).find({ where: { bodyId: (await ds.getRepository(Body).findOneByOrFail({ code: 'NM' })).id } });
    expect(stored.map((m) => m.note)).toEqual(expect.arrayContaining([INJECTION_NOTE, APOSTROPHE_NOTE, 'Vertretung\nder Stadt']));
  });
});
