import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { Response } from 'supertest';
import { AppModule } from '../../src/app.module.js';
import { configureApp } from '../../src/app.setup.js';
import { type AppConfig, loadConfig } from '../../src/config/app-config.js';
import { Account, normalizeEmail } from '../../src/auth/account.entity.js';
import { PasswordHasher } from '../../src/auth/password-hasher.js';
import { DatabaseService } from '../../src/database/database.service.js';
import type { TestApp } from './test-app.js';
import { createTestDatabase } from './test-database.js';

/** A supertest agent: keeps cookies (the session) between requests. */
export type Agent = ReturnType<typeof request.agent>;

/** The CSRF token of the first form in a page (`{{> csrf}}` renders it as `_csrf`). */
export function csrfTokenFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('No CSRF token in this page: does it render {{> csrf}} in a form?');
  return match[1];
}

/**
 * The agent's CSRF token, read from a page with a form: `path` if given, else the start page
 * (logged in: the logout form in the header) or the login page (anonymous).
 */
export async function csrfToken(agent: Agent, path?: string): Promise<string> {
  if (path) return csrfTokenFrom((await agent.get(path)).text);
  const home = await agent.get('/');
  if (home.text.includes('name="_csrf"')) return csrfTokenFrom(home.text);
  return csrfTokenFrom((await agent.get('/anmelden')).text);
}

/** POSTs a urlencoded form with the agent's CSRF token, like a browser submitting a page's form. */
export async function postForm(agent: Agent, path: string, fields: Record<string, string> = {}): Promise<Response> {
  const token = await csrfToken(agent);
  return agent.post(path).type('form').send({ ...fields, _csrf: token });
}

/** Logs the agent in through the real login form; throws when the login does not succeed. */
export async function login(agent: Agent, email: string, password: string): Promise<Response> {
  const page = await agent.get('/anmelden');
  const res = await agent.post('/anmelden').type('form').send({ email, password, _csrf: csrfTokenFrom(page.text) });
  if (res.status !== 303) {
    throw new Error(`Login as ${email} failed with HTTP ${res.status}: ${res.text.slice(0, 300)}`);
  }
  return res;
}

export interface AccountSeed {
  email: string;
  password: string;
  personId?: number | null;
  isAdmin?: boolean;
  mustChangePassword?: boolean;
}

/** Creates an account directly in the database (no admin UI round trip). */
export async function createAccount(t: TestApp, seed: AccountSeed): Promise<Account> {
  const passwordHash = await t.app.get(PasswordHasher).hash(seed.password);
  return t.app.get(DatabaseService).write((m) =>
    m.getRepository(Account).save(
      m.getRepository(Account).create({
        email: normalizeEmail(seed.email),
        passwordHash,
        personId: seed.personId ?? null,
        isAdmin: seed.isAdmin ?? false,
        mustChangePassword: seed.mustChangePassword ?? false,
      }),
    ),
  );
}

/** A new agent logged in as a fresh account (member by default). */
export async function loggedInAgent(t: TestApp, seed: AccountSeed): Promise<Agent> {
  await createAccount(t, seed);
  const agent = request.agent(t.http);
  await login(agent, seed.email, seed.password);
  return agent;
}

/**
 * Starts the app like createTestApp but expects configureApp to refuse (e.g. production with demo
 * passwords); returns the error and closes everything it opened. Throws if the app starts.
 */
export async function startupError(overrides: Partial<AppConfig> = {}): Promise<Error> {
  const db = await createTestDatabase(overrides.databasePath);
  const config: AppConfig = {
    ...loadConfig({ NODE_ENV: 'test' }),
    seedDemo: false,
    ...overrides,
    databasePath: db.databasePath,
    databaseUrl: overrides.databaseUrl !== undefined ? overrides.databaseUrl : (db.databaseUrl ?? null),
  };
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger: false });
  let error: Error | null = null;
  try {
    await configureApp(app);
  } catch (e) {
    error = e instanceof Error ? e : new Error(String(e));
  } finally {
    await app.close();
    await db.drop();
  }
  if (!error) throw new Error('The app started although it should have refused to.');
  return error;
}
