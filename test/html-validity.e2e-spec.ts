import request from 'supertest';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { Account } from '../src/auth/account.entity.js';
import { DEMO_MEMBER, DEMO_SECRETARY } from '../src/auth/demo-accounts.js';
import { Session } from '../src/auth/session.entity.js';
import { DatabaseService } from '../src/database/database.service.js';
import { Minutes } from '../src/minutes/minutes.entity.js';
import { DatePoll } from '../src/polls/date-poll.entity.js';
import { DEMO_POLL_TITLE } from '../seeds/demo-polls.seed.js';
import { csrfTokenFrom, login, type Agent } from './helpers/auth.js';
import { formFor, parseForms, submittedValues } from './helpers/html-forms.js';
import { HtmlCollector } from './helpers/html-validity.js';
import { registeredRoutes, splitRoute } from './helpers/routes.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/**
 * EVERY PAGE TYPE IS VALID HTML. With the demo data, each role crawls the site from the start page
 * (every same-site link, one page per path pattern: numbers and months folded, query keys kept), then
 * sends every POST form it met with its visible fields empty (the 422 pages with field errors, the
 * confirm pages). All HTML answers go through the W3C Nu Html Checker in one run; any error fails
 * with page, line and message. Every GET route of the app that answers HTML must have been visited
 * (the list is read from Express, not kept by hand), so a new page type cannot slip past.
 * test/browser/accessibility.browser-spec.ts checks the pages it visits in Chromium the same way.
 */

const ADMIN = { email: 'admin@example.org', password: 'Validator-Admin am Ziegelsee 2026' } as const;

/** GET routes that answer something other than an HTML page (files, feeds, JSON, health). */
const NOT_HTML = new Set([
  'GET /health',
  'GET /health/ready',
  'GET /personen/:id/vcard',
  'GET /gremien/:id/vcard',
  'GET /personen/:id/datenschutz/export.json',
  'GET /personen/:id/datenschutz/export.vcf',
  'GET /meine-seite/meine-daten.json',
  'GET /admin/daten/export/:file',
  'GET /kalender/oeffentlich.ics',
  'GET /kalender/:token.ics',
  'GET /gremien/:id/sitzungen.ics',
  'GET /sitzungen/:id/ical',
  'GET /admin/postausgang/:id/eml',
  // OParl 1.1 (JSON, test/oparl.e2e-spec.ts validates it against its schemas)
  'GET /oparl/v1.1/system',
  'GET /oparl/v1.1/body',
  'GET /oparl/v1.1/body/:body',
  'GET /oparl/v1.1/body/:body/:list',
  'GET /oparl/v1.1/organization/:key',
  'GET /oparl/v1.1/organization/:key/meeting',
  'GET /oparl/v1.1/person/:id',
  'GET /oparl/v1.1/membership/:id',
  'GET /oparl/v1.1/meeting/:id',
  'GET /oparl/v1.1/agenda-item/:id',
  'GET /oparl/v1.1/location/:id',
  'GET /oparl/v1.1/file/:id',
  'GET /oparl/v1.1/*path',
  // meeting documents (src/documents): the files themselves and the ZIP
  'GET /unterlagen/:id',
  'GET /unterlagen/:id/fassungen/:versionId',
  'GET /sitzungen/:id/unterlagen.zip',
]);

/** Pages no link leads to (tokens from mails, unknown addresses, refused access): visited directly. */
const DIRECT: Record<Role, string[]> = {
  anonymous: ['/gibt-es-nicht', `/konto/passwort-setzen/${'x'.repeat(43)}`, `/antwort/${'x'.repeat(43)}`, `/umfrage/${'x'.repeat(43)}`, '/suche?q=', '/suche?q=Avramenko', '/suche?q=Sprachkurs', '/suche?q=qqqxyz', '/sitzungen/monat', '/sitzungen/monat/2019-02', '/suche?q=Integration&von=kaputt&gremium=x', `/konto/email-bestaetigen/${'x'.repeat(43)}`],
  member: ['/admin/konten', '/personen/999999', '/suche?q=Sprache', '/suche?q=Sprache&kind=minutes'],
  secretary: [],
  admin: ['/suche?q=Schwerin'],
};

type Role = 'anonymous' | 'member' | 'secretary' | 'admin';
const ROLES: readonly Role[] = ['anonymous', 'member', 'secretary', 'admin'];

/** How many pages one role visits at most, and how many of one path pattern (the demo site has far fewer). */
const MAX_PAGES_PER_ROLE = 600;
const PAGES_PER_PATTERN = 3;

/** "/sitzungen/12/protokoll?seite=2" → "/sitzungen/N/protokoll?seite" */
function patternOf(path: string): string {
  const url = new URL(path, 'http://x');
  const keys = [...new Set(url.searchParams.keys())].sort().join('&');
  const p = url.pathname.replace(/\/\d{4}-\d{2}(?=\/|$)/g, '/YYYY-MM').replace(/\/\d+(?=\/|$)/g, '/N');
  return keys ? `${p}?${keys}` : p;
}

/** Same-site links of a page worth following: no files, no fragments, no logout. */
function linksOf(html: string): string[] {
  const links: string[] = [];
  for (const m of html.matchAll(/<a\b[^>]*\bhref="([^"]*)"/gi)) {
    const href = m[1].replace(/&amp;/g, '&').split('#')[0];
    if (!href.startsWith('/') || href.startsWith('//')) continue;
    if (/\.(ics|vcf|json|eml|csv|pdf|css|js|png|svg|ico|txt|zip)(\?|$)/.test(href) || /\/(vcard|ical)$/.test(href) || href.startsWith('/admin/daten/export/')) continue;
    links.push(href);
  }
  return links;
}

const isHtml = (res: Response): boolean => (res.headers['content-type'] ?? '').startsWith('text/html');

describe('every page type is valid HTML (W3C Nu Html Checker)', () => {
  let t: TestApp;
  const collector = new HtmlCollector();
  /** Every GET path that answered HTML, by role. */
  const visited: string[] = [];
  /** Every form post that answered HTML: "role POST pattern → status". */
  const posted: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ seedDemo: true, adminEmail: ADMIN.email, adminPassword: ADMIN.password });
    // The newest minutes of every state (draft: the editor; circulated; approved: the print view), for the roles that edit them.
    const states = new Set<string>();
    let draftMinutes = '';
    for (const minutes of await t.app.get(DataSource).getRepository(Minutes).find({ order: { id: 'DESC' } })) {
      if (states.has(minutes.status)) continue;
      states.add(minutes.status);
      if (minutes.status === 'draft') draftMinutes = `/sitzungen/${minutes.meetingId}/protokoll`;
      const base = `/sitzungen/${minutes.meetingId}/protokoll`;
      const pages = [base, `${base}/bearbeiten`, `${base}/druck`, `${base}/wiederherstellen`];
      DIRECT.secretary.push(...pages);
      DIRECT.admin.push(...pages);
    }
    // The demo date poll of the Begleitbeirat (its body page, which links it, may fall beyond the crawl's three body pages).
    const poll = await t.app.get(DataSource).getRepository(DatePoll).findOneByOrFail({ title: DEMO_POLL_TITLE });
    DIRECT.member.push(`/gremien/${poll.bodyId}/terminumfragen`, `/terminumfragen/${poll.id}`);
    DIRECT.secretary.push(`/gremien/${poll.bodyId}/terminumfragen`, `/terminumfragen/${poll.id}/auswertung`);
    // Circulars of the Begleitbeirat: the archive and one circular (members), the form and delivery status (officers), the network form (admin).
    DIRECT.member.push(`/gremien/${poll.bodyId}/rundschreiben`);
    DIRECT.secretary.push(`/gremien/${poll.bodyId}/rundschreiben`, `/gremien/${poll.bodyId}/rundschreiben/neu`);
    DIRECT.admin.push('/rundschreiben/neu', `/rundschreiben/abbestellen/u1.1.1.9999999999.${'A'.repeat(43)}`);
    const accounts: Record<Exclude<Role, 'anonymous'>, { email: string; password: string }> = { member: DEMO_MEMBER, secretary: DEMO_SECRETARY, admin: ADMIN };
    const agents = new Map<Role, Agent>();
    for (const role of ROLES) {
      const agent = request.agent(t.http);
      if (role !== 'anonymous') await login(agent, accounts[role].email, accounts[role].password);
      await crawl(role, agent);
      agents.set(role, agent);
    }
    // The minutes editor sent after the editor's session ended (idle timeout): 401, the text kept for this browser.
    const secretary = agents.get('secretary') as Agent;
    const editor = (await secretary.get(`${draftMinutes}/bearbeiten`)).text;
    const form = formFor(editor, `${draftMinutes}/bearbeiten`, `${draftMinutes}/bearbeiten`);
    const fields = submittedValues(form);
    for (const f of form.fields) if (f.kind === 'textarea') fields[f.name] = `${f.value} Ergänzung nach Ablauf der Sitzung.`;
    const { id } = await t.app.get(DataSource).getRepository(Account).findOneByOrFail({ email: DEMO_SECRETARY.email });
    await t.app.get(DatabaseService).write((m) => m.getRepository(Session).update({ accountId: id }, { expiresAt: new Date(Date.now() - 1000) }));
    const expired = await secretary.post(`${draftMinutes}/bearbeiten`).type('form').send(fields);
    posted.push(`secretary POST ${patternOf(draftMinutes)}/bearbeiten after the session ended → ${expired.status}`);
    collector.add(`secretary POST ${draftMinutes}/bearbeiten after the session ended (${expired.status})`, expired.text);
  }, 600_000);
  afterAll(async () => {
    collector.dispose();
    await t?.close();
  });

  async function crawl(role: Role, agent: Agent): Promise<void> {
    const seen = new Set<string>();
    const perPattern = new Map<string, number>();
    const queue = ['/', ...DIRECT[role]];
    const forms = new Map<string, { action: string; fields: Record<string, string> }>();
    if (role === 'admin') {
      // An import draft (upload is multipart, so the crawl does not send it): its review page.
      const upload = await agent
        .post('/admin/daten/import')
        .field('_csrf', csrfTokenFrom((await agent.get('/admin/daten')).text))
        .field('kind', 'people')
        .attach('datei', Buffer.from('Nachname;Telefon\nFehlerhaft;0385 5\n'), 'pruefung.csv');
      queue.push(String(upload.headers.location));
    }
    let pages = 0;
    while (queue.length > 0 && pages < MAX_PAGES_PER_ROLE) {
      const path = queue.shift() as string;
      const pattern = patternOf(path);
      const count = perPattern.get(pattern) ?? 0;
      if (seen.has(path) || count >= PAGES_PER_PATTERN) continue;
      seen.add(path);
      perPattern.set(pattern, count + 1);
      pages++;
      const res = await agent.get(path);
      if (res.status >= 300 && res.status < 400 && typeof res.headers.location === 'string') {
        // A route that only redirects (e.g. the month view to the current month) is covered by its target;
        // a redirect to the login page covers nothing.
        if (!res.headers.location.startsWith('/anmelden')) visited.push(path);
        queue.push(res.headers.location);
        continue;
      }
      if (!isHtml(res)) continue;
      visited.push(path);
      collector.add(`${role} GET ${path} (${res.status})`, res.text);
      queue.push(...linksOf(res.text));
      for (const form of parseForms(res.text, path)) {
        const userFields = form.fields.filter((f) => !['hidden', 'button', 'file'].includes(f.kind));
        if (form.method !== 'POST') continue;
        // Many actions have a page of their own under the same address (e.g. the RSVP form).
        if (form.action.startsWith('/')) queue.push(form.action);
        if (form.multipart || userFields.length === 0) continue;
        const key = patternOf(form.action);
        if (forms.has(key)) continue;
        const fields: Record<string, string> = {};
        for (const f of form.fields) if (f.kind === 'hidden') fields[f.name] = f.value;
        for (const f of userFields) if (f.kind !== 'checkbox' && f.kind !== 'radio') fields[f.name] = '';
        forms.set(key, { action: form.action, fields });
      }
    }
    for (const [key, form] of forms) {
      const res = await agent.post(form.action).type('form').send(form.fields);
      if (!isHtml(res)) continue;
      posted.push(`${role} POST ${key} → ${res.status}`);
      collector.add(`${role} POST ${key} (${res.status})`, res.text);
    }
  }

  it('visits every GET route that answers HTML', () => {
    const unvisited: string[] = [];
    for (const route of registeredRoutes(t)) {
      const [method, pattern] = splitRoute(route);
      if (method !== 'GET' || NOT_HTML.has(route)) continue;
      const regex = new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z_]\w*/g, '[^/?]+')}(\\?.*)?$`);
      if (!visited.some((path) => regex.test(path))) unvisited.push(route);
    }
    expect(unvisited).toEqual([]);
  });

  it('includes forms with errors, confirm pages, admin pages, print views, the minutes and agenda editors and search results', () => {
    const has = (re: RegExp): boolean => visited.some((p) => re.test(p));
    expect({
      search: has(/^\/suche\?q=Avramenko/),
      minutesEditor: has(/^\/sitzungen\/\d+\/protokoll\/bearbeiten$/),
      agendaEditor: has(/^\/sitzungen\/\d+\/tagesordnung$/),
      printView: has(/^\/sitzungen\/\d+\/protokoll\/druck$/),
      confirmPage: has(/\/entfernen$/),
      adminAccounts: has(/^\/admin\/konten$/),
      notFound: has(/^\/gibt-es-nicht$/),
      sessionExpired: posted.some((p) => /^secretary POST \/sitzungen\/N\/protokoll\/bearbeiten after the session ended → 401$/.test(p)),
    }).toEqual({ search: true, minutesEditor: true, agendaEditor: true, printView: true, confirmPage: true, adminAccounts: true, notFound: true, sessionExpired: true });
    const unprocessable = posted.filter((p) => p.endsWith('→ 422'));
    expect(unprocessable.length).toBeGreaterThanOrEqual(25);
    for (const form of ['/sitzungen/neu', '/sitzungen/serie/neu', '/sitzungen/N/antwort', '/sitzungen/N/protokoll/beschluesse', '/sitzungen/N/protokoll/aufgaben', '/organisationen/N/entfernen', '/personen/neu']) {
      expect(unprocessable.some((p) => p.includes(` POST ${form} →`))).toBe(true);
    }
  });

  it('every collected page has no errors', async () => {
    expect(collector.size).toBeGreaterThan(100);
    expect(await collector.problems()).toEqual([]);
  }, 300_000);
});
