import request from 'supertest';
import { DEMO_CHAIR, DEMO_MEMBER } from '../src/auth/demo-accounts.js';
import { type Agent, loggedInAgent, login, postForm } from './helpers/auth.js';
import { loadConfig } from '../src/config/app-config.js';
import { countSql } from './helpers/sql-count.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/**
 * Query budgets (issue 22): how many SQL statements one request of each hot page type may send, per
 * role. Counted at the drivers (test/helpers/sql-count.ts), so session, viewer and page work all count.
 * Every request is sent as a reload (`Cache-Control: no-cache`): rendered afresh, past every cache, so
 * the figure is what rendering costs. Each cell is requested once before it is counted (prepared
 * statements, lazy modules). Counts are deterministic: no background worker runs in this app.
 *
 * Lower a budget when the code needs fewer statements; raise one only with a reason in the commit.
 */
type Role = 'anonymous' | 'member' | 'chair' | 'admin';

interface Fixture {
  meetingId: number;
  feedPath: string;
}

interface PageType {
  page: string;
  path: (f: Fixture) => string;
  /** Roles the page is counted for (a personal feed has one owner, whoever fetches its address). */
  budgets: Partial<Record<Role, number>>;
}

/** The body the demo chair manages (Begleitbeirat) and a person and organisation of the real seed. */
const BODY = 1;
const PERSON = 1;
const ORGANISATION = 1;

// prettier-ignore
const BUDGETS: PageType[] = [
  { page: 'start page',         path: () => '/',                                     budgets: { anonymous: 4, member: 5, chair: 5, admin: 5 } },
  { page: 'directory list',     path: () => '/personen',                             budgets: { anonymous: 4, member: 5, chair: 5, admin: 5 } },
  { page: 'person page',        path: () => `/personen/${PERSON}`,                   budgets: { anonymous: 2, member: 3, chair: 3, admin: 3 } },
  { page: 'organisation page',  path: () => `/organisationen/${ORGANISATION}`,       budgets: { anonymous: 3, member: 4, chair: 4, admin: 4 } },
  { page: 'body page',          path: () => `/gremien/${BODY}`,                      budgets: { anonymous: 3, member: 6, chair: 6, admin: 4 } },
  { page: 'meeting page',       path: (f) => `/sitzungen/${f.meetingId}`,           budgets: { anonymous: 3, member: 6, chair: 6, admin: 5 } },
  { page: 'search',             path: () => '/suche?q=Sprachmittler',                budgets: { anonymous: 2, member: 4, chair: 4, admin: 3 } },
  { page: 'body vCard bundle',  path: () => `/gremien/${BODY}/vcard`,                budgets: { anonymous: 2, member: 3, chair: 3, admin: 3 } },
  { page: 'personal feed',      path: (f) => f.feedPath,                             budgets: { member: 2 } },
];

describe('query budgets per page type and role (SQL statements per request)', () => {
  let t: TestApp;
  const agents = new Map<Role, Agent>();
  let fixture: Fixture;

  beforeAll(async () => {
    const defaults = loadConfig({ NODE_ENV: 'test' });
    t = await createTestApp({ seedDemo: true, mail: { ...defaults.mail, worker: false }, documents: { ...defaults.documents, textWorker: false } });
    agents.set('anonymous', request.agent(t.http));
    const member = request.agent(t.http);
    await login(member, DEMO_MEMBER.email, DEMO_MEMBER.password);
    agents.set('member', member);
    const chair = request.agent(t.http);
    await login(chair, DEMO_CHAIR.email, DEMO_CHAIR.password);
    agents.set('chair', chair);
    agents.set('admin', await loggedInAgent(t, { email: 'budget-admin@example.org', password: 'Budget-Verwaltung-2026', isAdmin: true }));

    const meetings = await chair.get(`/gremien/${BODY}`).expect(200);
    const meetingId = /href="\/sitzungen\/(\d+)"/.exec(meetings.text)?.[1];
    expect((await postForm(member, '/kalender/persoenlich')).status).toBe(303);
    const calendar = await member.get('/kalender').expect(200);
    const feed = /id="persoenliche-kalender-adresse"[^>]*value="https?:\/\/[^/"]+(\/kalender\/[^"]+\.ics)"/.exec(calendar.text)?.[1];
    if (!meetingId || !feed) throw new Error('fixture: no meeting link on the body page or no personal feed on /kalender');
    fixture = { meetingId: Number(meetingId), feedPath: feed };
  });
  afterAll(async () => {
    await t.close();
  });

  const cells = BUDGETS.flatMap((p) => (Object.keys(p.budgets) as Role[]).map((role) => ({ ...p, role, budget: p.budgets[role] ?? 0 })));
  /** NETZWERK_BUDGET_REPORT=1 prints every cell's count (to set or lower the budgets). */
  const report: string[] = [];
  afterAll(() => {
    if (process.env.NETZWERK_BUDGET_REPORT) console.log(report.join('\n'));
  });
  it.each(cells)('$page as $role: at most $budget statements', async ({ path, role, budget }) => {
    const agent = agents.get(role)!;
    const url = path(fixture);
    const first = await agent.get(url).set('cache-control', 'no-cache');
    const { result, statements } = await countSql(() => agent.get(url).set('cache-control', 'no-cache').then((r) => r));
    report.push(`${role.padEnd(9)} ${statements.length.toString().padStart(3)}  ${url}`);
    expect(result.status).toBe(first.status);
    expect(result.status).toBeLessThan(500);
    if (statements.length > budget) throw new Error(`${statements.length} statements (budget ${budget}):\n${statements.map((s) => `  ${s.slice(0, 200)}`).join('\n')}`);
  });
});
