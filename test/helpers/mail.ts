import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { App } from 'supertest/types.js';
import type { EntityManager } from 'typeorm';
import { AppModule } from '../../src/app.module.js';
import { configureApp } from '../../src/app.setup.js';
import { Body } from '../../src/bodies/body.entity.js';
import { Membership, type MembershipRole } from '../../src/bodies/membership.entity.js';
import { type AppConfig, loadConfig, type MailConfig } from '../../src/config/app-config.js';
import { DatabaseService } from '../../src/database/database.service.js';
import { MailWorker } from '../../src/mail/mail-worker.service.js';
import { AgendaItem } from '../../src/meetings/agenda-item.entity.js';
import { Location } from '../../src/meetings/location.entity.js';
import { Meeting } from '../../src/meetings/meeting.entity.js';
import { Person } from '../../src/people/person.entity.js';
import { personSortKey } from '../../src/people/person-name.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** One message as the loopback SMTP server received it. */
export interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  raw: string;
  parsed: ParsedMail;
  /** Whether the SMTP session was encrypted (STARTTLS or implicit TLS). */
  secure: boolean;
}

/** A self-signed certificate for 127.0.0.1 — for tests only, never used by the app itself. */
export const TEST_TLS_CERT = join(import.meta.dirname, '..', 'fixtures', 'mail', 'test-smtp.cert.pem');
const TEST_TLS_KEY = join(import.meta.dirname, '..', 'fixtures', 'mail', 'test-smtp.key.pem');

export interface TestSmtpOptions {
  auth?: { user: string; pass: string } | null;
  /** 'starttls': offers STARTTLS with the test certificate; 'implicit': TLS from the first byte; default plain. */
  tls?: 'starttls' | 'implicit' | null;
}

/**
 * A real SMTP server (the smtp-server package) on 127.0.0.1, port chosen by the system. Plain SMTP
 * with optional AUTH; `failNext` / `failAlways` answer the DATA command with an SMTP error, `delayMs`
 * holds the final answer back (for shutdown tests).
 */
export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  /** SMTP answer for every message while set, e.g. { code: 451, message: '…' }. */
  failAlways: { code: number; message: string } | null = null;
  delayMs = 0;
  /** Messages whose DATA phase started (to see a send in flight). */
  started = 0;
  private readonly server: SMTPServer;
  private waiters: (() => void)[] = [];

  private constructor(options: TestSmtpOptions) {
    const auth = options.auth ?? null;
    const tls = options.tls ?? null;
    const disabled = [...(tls === 'starttls' ? [] : ['STARTTLS']), ...(auth ? [] : ['AUTH'])];
    this.server = new SMTPServer({
      logger: false,
      secure: tls === 'implicit',
      ...(tls ? { key: readFileSync(TEST_TLS_KEY), cert: readFileSync(TEST_TLS_CERT) } : {}),
      disabledCommands: disabled,
      authOptional: auth === null,
      allowInsecureAuth: true,
      onAuth: (a, _session, cb) => {
        if (auth && a.username === auth.user && a.password === auth.pass) cb(null, { user: a.username });
        else cb(Object.assign(new Error('Anmeldung abgelehnt'), { responseCode: 535 }));
      },
      onData: (stream, session, cb) => {
        this.started++;
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const finish = (): void => {
            if (this.failAlways) {
              cb(Object.assign(new Error(this.failAlways.message), { responseCode: this.failAlways.code }));
              return;
            }
            simpleParser(raw)
              .then((parsed) => {
                this.received.push({
                  envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                  envelopeTo: session.envelope.rcptTo.map((r) => r.address),
                  raw,
                  parsed,
                  secure: session.secure,
                });
                cb(null, 'OK: angenommen');
                for (const w of this.waiters.splice(0)) w();
              })
              .catch((e: unknown) => cb(e instanceof Error ? e : new Error(String(e))));
          };
          if (this.delayMs > 0) setTimeout(finish, this.delayMs);
          else finish();
        });
      },
    });
  }

  static async start(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
    const s = new TestSmtpServer(options);
    await new Promise<void>((resolve) => s.server.listen(0, '127.0.0.1', () => resolve()));
    return s;
  }

  get port(): number {
    return (this.server.server.address() as AddressInfo).port;
  }

  /** Waits until at least n messages arrived (or fails after timeoutMs). */
  async waitFor(n: number, timeoutMs = 10_000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < n) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Only ${this.received.length} of ${n} mails arrived within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.received;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The mail settings of a test app: this SMTP server (or the outbox folder), worker off unless asked. */
export function mailConfig(overrides: Partial<MailConfig> = {}, smtp: TestSmtpServer | null = null): MailConfig {
  const base = loadConfig({ NODE_ENV: 'test' }).mail;
  return {
    ...base,
    from: 'Netzwerk Migration <netzwerk@example.org>',
    smtp: smtp ? { host: '127.0.0.1', port: smtp.port, secure: false, requireTls: false, caFile: null, user: null, password: null } : null,
    worker: false,
    pollSeconds: 0.1,
    retrySeconds: 60,
    maxAttempts: 3,
    ...overrides,
  };
}

export interface RunningApp {
  app: NestExpressApplication;
  http: App;
  config: AppConfig;
  worker: MailWorker;
  db: DatabaseService;
  close: () => Promise<void>;
}

/** Starts the real app on an existing database (a second instance, or a restart after a "crash"). */
export async function startApp(database: TestDatabase, overrides: Partial<AppConfig> = {}): Promise<RunningApp> {
  const config: AppConfig = {
    ...loadConfig({ NODE_ENV: 'test' }),
    databasePath: database.databasePath,
    databaseUrl: database.databaseUrl ?? null,
    seedDemo: false,
    logLevel: 'error',
    ...overrides,
  };
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger: ['error'] });
  await configureApp(app);
  await app.init();
  return {
    app,
    http: app.getHttpServer() as App,
    config,
    worker: app.get(MailWorker),
    db: app.get(DatabaseService),
    close: () => app.close(),
  };
}

/** What `mailSuite()` gives a describe block once its beforeAll has run. */
export interface MailSuite {
  t: RunningApp;
  smtp: TestSmtpServer;
  database: TestDatabase;
}

/**
 * For one describe block: a real SMTP server on loopback, a fresh database and the app mailing to it,
 * started in beforeAll and stopped in afterAll. Read the fields inside hooks and tests, not at
 * declaration time.
 */
export function mailSuite(mail: Partial<MailConfig> = { worker: false }): MailSuite {
  const suite = {} as MailSuite;
  beforeAll(async () => {
    suite.smtp = await TestSmtpServer.start();
    suite.database = await createTestDatabase();
    suite.t = await startApp(suite.database, { mail: mailConfig(mail, suite.smtp) });
  });
  afterAll(async () => {
    await suite.t?.close();
    await suite.smtp?.close();
    await suite.database?.drop();
  });
  return suite;
}

export interface MeetingFixture {
  bodyId: number;
  meetingId: number;
  uid: string;
  chairId: number;
  /** Current members with an email: name → person id. */
  members: Record<string, number>;
  withoutEmailId: number;
  formerMemberId: number;
}

async function person(
  m: EntityManager,
  p: { formOfAddress?: string; academicTitle?: string | null; givenName: string; familyName: string; email: string | null; emailVisibility?: 'public' | 'members' | 'hidden' },
): Promise<Person> {
  const repo = m.getRepository(Person);
  return repo.save(
    repo.create({
      formOfAddress: p.formOfAddress ?? '',
      academicTitle: p.academicTitle ?? null,
      givenName: p.givenName,
      familyName: p.familyName,
      sortKey: personSortKey(p),
      emailVisibility: p.emailVisibility ?? 'members',
      emails: p.email ? [{ email: p.email, position: 0 }] : [],
    }),
  );
}

/**
 * A body with a chair (Cyrillic name), members in several scripts, one member without an email, a
 * former member, and an upcoming meeting with a location and an agenda (not yet invited).
 */
export async function createMeetingFixture(db: DatabaseService, options: { startsAt?: Date; code?: string } = {}): Promise<MeetingFixture> {
  return db.write(async (m) => {
    const code = options.code ?? 'MT';
    const body = await m.getRepository(Body).save(
      m.getRepository(Body).create({ name: `Beirat für Integration ${code}`, shortName: `Beirat ${code}`, code, kind: 'advisory_board', isPublic: true }),
    );
    const chair = await person(m, { formOfAddress: 'Frau', academicTitle: 'Dr.', givenName: 'Ольга', familyName: 'Петрова', email: `petrova-${code}@example.org` });
    const jurgen = await person(m, { formOfAddress: 'Herr', givenName: 'Jürgen', familyName: 'Müßig', email: `muessig-${code}@example.org` });
    const nguyen = await person(m, { givenName: 'Thị Hương', familyName: 'Nguyễn', email: `nguyen-${code}@example.org` });
    const layla = await person(m, { formOfAddress: 'Frau', givenName: 'ليلى', familyName: 'حداد', email: `haddad-${code}@example.org` });
    const noEmail = await person(m, { formOfAddress: 'Herr', givenName: 'Ömer', familyName: 'Yılmaz', email: null });
    const former = await person(m, { formOfAddress: 'Frau', givenName: 'Gisela', familyName: 'Früher', email: `frueher-${code}@example.org` });
    const membership = (p: Person, role: MembershipRole, endDate: string | null = null): Membership =>
      m.getRepository(Membership).create({ bodyId: body.id, personId: p.id, role, votingRight: true, startDate: '2020-01-01', endDate });
    await m.getRepository(Membership).save([
      membership(chair, 'chair'),
      membership(jurgen, 'member'),
      membership(nguyen, 'member'),
      membership(layla, 'deputy_member'),
      membership(noEmail, 'member'),
      membership(former, 'member', '2021-12-31'),
    ]);
    const location = await m.getRepository(Location).save(
      m.getRepository(Location).create({ name: 'Stadthaus, Demmlersaal', room: '1.02', street: 'Am Packhof 2-6', postalCode: '19053', locality: 'Schwerin', accessibilityNotes: 'Stufenloser Zugang über den Hof' }),
    );
    const startsAt = options.startsAt ?? new Date(Date.now() + 20 * 86_400_000);
    const uid = `test-${code}-${Date.now()}@netzwerk.example.org`;
    const meeting = await m.getRepository(Meeting).save(
      m.getRepository(Meeting).create({
        bodyId: body.id,
        title: 'Sitzung über Änderungen – Совет',
        description: 'Bitte die Unterlagen vorher lesen.',
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
        locationId: location.id,
        state: 'scheduled',
        uid,
        sequence: 0,
        isPublic: true,
      }),
    );
    await m.getRepository(AgendaItem).save([
      m.getRepository(AgendaItem).create({ meetingId: meeting.id, number: '1', position: 0, level: 0, title: 'Begrüßung und Tagesordnung', presenter: 'Dr. Ольга Петрова' }),
      m.getRepository(AgendaItem).create({ meetingId: meeting.id, number: '2', position: 1, level: 0, title: 'Bericht der Servicestelle Integration' }),
      m.getRepository(AgendaItem).create({ meetingId: meeting.id, number: '2.1', position: 2, level: 1, title: 'Ehrenamtliche Sprachmittlung' }),
    ]);
    return {
      bodyId: body.id,
      meetingId: meeting.id,
      uid,
      chairId: chair.id,
      members: { petrova: chair.id, muessig: jurgen.id, nguyen: nguyen.id, haddad: layla.id },
      withoutEmailId: noEmail.id,
      formerMemberId: former.id,
    };
  });
}

/** The text/calendar part of a received mail (the alternative with method=…), as text. */
export function calendarPart(mail: ReceivedMail): string {
  const part = mail.parsed.attachments.find((a) => a.contentType === 'text/calendar');
  if (!part) throw new Error(`No text/calendar part in "${mail.parsed.subject ?? ''}"`);
  return part.content.toString('utf8');
}
