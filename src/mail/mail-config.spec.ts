import { ConfigError, loadConfig } from '../config/app-config.js';

function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('mail configuration', () => {
  it('works without a mail server: .eml files beside the database, worker on, sane defaults', () => {
    expect(loadConfig({}).mail).toEqual({
      smtp: null,
      from: 'Netzwerk Migration <noreply@localhost.invalid>',
      outboxDir: null,
      worker: true,
      pollSeconds: 5,
      maxAttempts: 8,
      retrySeconds: 60,
      leaseSeconds: 300,
      rsvpSecret: null,
      reminderDaysBefore: 3,
      actionItemReminderDays: 3,
      reminderIntervalMinutes: 60,
    });
  });

  it('derives the sender from SITE_NAME and BASE_URL', () => {
    expect(loadConfig({ SITE_NAME: 'Netzwerk "Migration" <Schwerin>', BASE_URL: 'https://netzwerk.schwerin.de' }).mail.from).toBe('Netzwerk Migration Schwerin <noreply@netzwerk.schwerin.de>');
  });

  it('reads SMTP settings: STARTTLS on 587 by default, implicit TLS on 465', () => {
    expect(loadConfig({ SMTP_HOST: 'mail.example.org' }).mail.smtp).toEqual({ host: 'mail.example.org', port: 587, secure: false, requireTls: false, caFile: null, user: null, password: null });
    expect(loadConfig({ SMTP_HOST: 'mail.example.org', SMTP_PORT: '465' }).mail.smtp).toMatchObject({ port: 465, secure: true });
    expect(loadConfig({ SMTP_HOST: 'mail.example.org', SMTP_SECURE: 'ja' }).mail.smtp).toMatchObject({ port: 465, secure: true });
    expect(
      loadConfig({ SMTP_HOST: '10.0.0.5', SMTP_PORT: '2525', SMTP_REQUIRE_TLS: 'true', SMTP_USER: 'netzwerk', SMTP_PASSWORD: 'geheim', MAIL_FROM: 'Netzwerk <netz@example.org>' }).mail,
    ).toMatchObject({ smtp: { host: '10.0.0.5', port: 2525, secure: false, requireTls: true, user: 'netzwerk', password: 'geheim' }, from: 'Netzwerk <netz@example.org>' });
  });

  it('reads the worker, retry, RSVP and reminder settings', () => {
    expect(
      loadConfig({
        MAIL_OUTBOX_DIR: '/var/spool/netzwerk',
        MAIL_WORKER: 'nein',
        MAIL_POLL_SECONDS: '2',
        MAIL_MAX_ATTEMPTS: '5',
        MAIL_RETRY_SECONDS: '30',
        MAIL_LEASE_SECONDS: '120',
        RSVP_SECRET: 'r'.repeat(40),
        REMINDER_DAYS_BEFORE: '0',
        ACTION_ITEM_REMINDER_DAYS: '7',
        REMINDER_INTERVAL_MINUTES: '15',
      }).mail,
    ).toMatchObject({ outboxDir: '/var/spool/netzwerk', worker: false, pollSeconds: 2, maxAttempts: 5, retrySeconds: 30, leaseSeconds: 120, rsvpSecret: 'r'.repeat(40), reminderDaysBefore: 0, actionItemReminderDays: 7, reminderIntervalMinutes: 15 });
  });

  it.each([
    [{ SMTP_PORT: '99999', SMTP_HOST: 'mail.example.org' }, 'SMTP_PORT muss zwischen 1 und 65535 liegen'],
    [{ SMTP_HOST: 'mail example org' }, 'SMTP_HOST muss ein Rechnername'],
    [{ SMTP_HOST: 'mail.example.org', SMTP_SECURE: 'vielleicht' }, 'SMTP_SECURE muss true oder false sein'],
    [{ MAIL_FROM: 'kein Absender' }, 'MAIL_FROM muss eine Absenderadresse sein'],
    [{ MAIL_MAX_ATTEMPTS: '0' }, 'MAIL_MAX_ATTEMPTS muss zwischen 1 und 50 liegen'],
    [{ MAIL_LEASE_SECONDS: '5' }, 'MAIL_LEASE_SECONDS muss zwischen 60 und 86400 liegen'],
    [{ REMINDER_DAYS_BEFORE: '-1' }, 'REMINDER_DAYS_BEFORE muss eine ganze Zahl sein'],
    [{ REMINDER_DAYS_BEFORE: '61' }, 'REMINDER_DAYS_BEFORE muss zwischen 0 und 60 liegen'],
    [{ SMTP_PORT: '25' }, 'SMTP_PORT ist gesetzt, aber SMTP_HOST fehlt'],
    [{ SMTP_HOST: 'mail.example.org', SMTP_USER: 'netzwerk' }, 'SMTP_USER und SMTP_PASSWORD gehören zusammen'],
    [{ SMTP_HOST: 'mail.example.org', SMTP_SECURE: 'true', SMTP_REQUIRE_TLS: 'true' }, 'SMTP_REQUIRE_TLS gilt nur für STARTTLS'],
    [{ SMTP_HOST: 'mail.example.org', SMTP_CA_FILE: '/gibt/es/nicht.pem' }, 'SMTP_CA_FILE: Die Datei "/gibt/es/nicht.pem" gibt es nicht'],
  ])('explains %j in German', (env, message) => {
    expect(problems(env).join('\n')).toContain(message);
  });

  it('never repeats a secret in an error message', () => {
    const text = problems({ SMTP_HOST: 'mail.example.org', SMTP_USER: 'netzwerk-user', SMTP_PASSWORD: '', RSVP_SECRET: 'zu-kurz-geheim' }).join('\n');
    expect(text).toContain('SMTP_PASSWORD darf nicht leer sein');
    expect(text).toContain('RSVP_SECRET muss mindestens 32 Zeichen lang sein (gesetzt: (verborgen))');
    expect(text).not.toContain('zu-kurz-geheim');
    expect(text).not.toContain('netzwerk-user');
  });
});
