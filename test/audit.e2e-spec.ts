import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuditLog } from '../src/audit/audit-log.service.js';
import { Account } from '../src/auth/account.entity.js';
import { DatabaseService } from '../src/database/database.service.js';
import { loggedInAgent, postForm, type Agent } from './helpers/auth.js';
import { idFromLocation, personForm } from './helpers/directory.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const PASSWORD = 'Ein langes Testpasswort 2026';

/** Number of entries (table rows) on a log page. */
function rows(html: string): number {
  return (html.match(/<th scope="row">/g) ?? []).length;
}

describe('audit log page', () => {
  let t: TestApp;
  let admin: Agent;
  let second: Agent;
  let member: Agent;
  let secondId: number;
  let orgId: number;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loggedInAgent(t, { email: 'verwaltung@example.org', password: PASSWORD, isAdmin: true });
    second = await loggedInAgent(t, { email: 'zweite.verwaltung@example.org', password: PASSWORD, isAdmin: true });
    member = await loggedInAgent(t, { email: 'mitglied.protokoll@example.org', password: PASSWORD });
    secondId = (await t.app.get(DataSource).getRepository(Account).findOneByOrFail({ email: 'zweite.verwaltung@example.org' })).id;
    const org = await postForm(admin, '/organisationen/neu', { name: 'Protokollverein', kind: 'association', parentId: '', shortName: '', street: '', postalCode: '', locality: '', phone: '', fax: '', email: '', website: '', description: '' });
    orgId = idFromLocation(org.headers.location, '/organisationen');
    const person = await postForm(second, '/personen/neu', personForm({ givenName: 'Ümit', familyName: 'Protokollperson', phone1: '0385 1234567' }));
    const personId = idFromLocation(person.headers.location, '/personen');
    await postForm(second, `/personen/${personId}/bearbeiten`, personForm({ givenName: 'Ümit', familyName: 'Protokollperson', phone1: '0385 7654321' }));
  });
  afterAll(async () => {
    await t.close();
  });

  it('is for administrators only', async () => {
    await member.get('/admin/protokoll').expect(403);
    expect((await request(t.http).get('/admin/protokoll').expect(302)).headers.location).toBe('/anmelden?next=%2Fadmin%2Fprotokoll');
    expect((await member.get('/')).text).not.toContain('href="/admin/protokoll"');
    const home = (await admin.get('/')).text;
    expect(home).toContain('<a href="/admin/protokoll">Änderungsprotokoll</a>');
    expect(home).not.toContain('<a href="/admin/protokoll">Protokoll</a>');
  });

  it('lists who changed what, when, with old → new, newest first', async () => {
    const html = (await admin.get('/admin/protokoll').expect(200)).text;
    expect(rows(html)).toBe(3);
    const newest = html.indexOf('Telefon +49 385 1234567 <span aria-hidden="true">→</span><span class="visually-hidden"> geändert in </span> Telefon +49 385 7654321');
    const oldest = html.indexOf(`href="/organisationen/${orgId}">Protokollverein</a>`);
    expect(newest).toBeGreaterThan(0);
    expect(oldest).toBeGreaterThan(newest);
    expect(html).toContain('zweite.verwaltung@example.org');
    expect(html).toMatch(/\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} Uhr/);
  });

  it('filters by type, account, date range and text', async () => {
    expect(rows((await admin.get('/admin/protokoll?typ=organisation').expect(200)).text)).toBe(1);
    expect(rows((await admin.get('/admin/protokoll?typ=person').expect(200)).text)).toBe(2);
    const byAccount = (await admin.get(`/admin/protokoll?konto=${secondId}`).expect(200)).text;
    expect(rows(byAccount)).toBe(2);
    expect(byAccount).toContain(`<option value="${secondId}" selected>zweite.verwaltung@example.org</option>`);
    expect(rows((await admin.get('/admin/protokoll?q=umit').expect(200)).text)).toBe(2);
    expect(rows((await admin.get('/admin/protokoll?q=7654321').expect(200)).text)).toBe(1);
    expect(rows((await admin.get('/admin/protokoll?q=100%25_').expect(200)).text)).toBe(0);
    expect(rows((await admin.get('/admin/protokoll?von=01.01.2000&bis=31.12.2000').expect(200)).text)).toBe(0);
    const today = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());
    const todays = (await admin.get(`/admin/protokoll?von=${today}&bis=${today}`).expect(200)).text;
    expect(rows(todays)).toBe(3);
    expect(todays).toContain(`value="${today}"`);
  });

  it.each(['?page=-5', '?page=abc', '?typ[]=person&q[]=x', `?q=${'x'.repeat(500)}`])('falls back to defaults for %s', async (qs) => {
    const html = (await admin.get(`/admin/protokoll${qs}`).expect(200)).text;
    expect(html).toContain('<h1>Änderungsprotokoll</h1>');
  });

  it.each([
    ['?typ=geheim', 'Diese Art von Datensatz gibt es nicht'],
    ['?konto=abc', 'Bitte ein Konto aus der Liste wählen'],
    ['?konto=-1', 'Bitte ein Konto aus der Liste wählen'],
    ['?konto=999999', 'Bitte ein Konto aus der Liste wählen'],
    ['?gremium=999999', 'Dieses Gremium gibt es nicht'],
    ['?gremium=x', 'Dieses Gremium gibt es nicht'],
    ['?person=999999', 'Diese Person kommt im Änderungsprotokoll nicht vor'],
    ['?bezug=irgendwer', 'Bitte wählen Sie, ob die Person die Änderung vorgenommen hat'],
    ['?von=31.02.2026', 'Bitte ein Datum im Format TT.MM.JJJJ eingeben'],
    ['?bis=morgen', 'Bitte ein Datum im Format TT.MM.JJJJ eingeben'],
    ['?von=02.01.2026&bis=01.01.2026', 'Das Ende des Zeitraums liegt vor seinem Beginn'],
    ['?typ=person&typ=body', 'Diese Art von Datensatz gibt es nicht'],
  ])('names the unusable filter %s in German (422), keeps the page and applies the rest', async (qs, message) => {
    const html = (await admin.get(`/admin/protokoll${qs}`).expect(422)).text;
    expect(html).toContain('<h1>Änderungsprotokoll</h1>');
    expect(html).toContain('Diese Filter können nicht angewendet werden');
    expect(html).toContain(message);
    expect(html).toContain('aria-invalid="true"');
    expect(rows(html)).toBeGreaterThan(0);
  });

  it('keeps an unreadable date as typed', async () => {
    const html = (await admin.get('/admin/protokoll?bis=morgen&typ=person').expect(422)).text;
    expect(html).toContain('value="morgen"');
    expect(html).toMatch(/<option value="person" selected>/);
  });

  it('pages through long logs', async () => {
    const audit = t.app.get(AuditLog);
    await t.app.get(DatabaseService).write(async (m) => {
      for (let i = 0; i < 60; i++) {
        await audit.record(m, { accountId: null, name: 'System' }, { action: 'update', entityType: 'body', entityId: 1, label: `Massenänderung ${i}`, changes: [{ field: 'x', label: 'X', old: String(i), new: String(i + 1) }] });
      }
    });
    const first = (await admin.get('/admin/protokoll?typ=body').expect(200)).text;
    expect(rows(first)).toBe(50);
    expect(first).toContain('60 Einträge');
    expect(first).toContain('href="/admin/protokoll?typ&#x3D;body&amp;page&#x3D;2"');
    expect(rows((await admin.get('/admin/protokoll?typ=body&page=2').expect(200)).text)).toBe(10);
  });
});
