import { MailService } from '../src/mail/mail.service.js';
import { OutboxMail } from '../src/mail/outbox-mail.entity.js';
import type { MailConfig } from '../src/config/app-config.js';
import { mailConfig, startApp, TEST_TLS_CERT, TestSmtpServer, type TestSmtpOptions } from './helpers/mail.js';
import { createTestDatabase } from './helpers/test-database.js';

/** Sends one mail through a fresh app to a fresh loopback server; returns the outcome, the stored row and what arrived. */
async function sendOnce(server: TestSmtpOptions, smtp: Partial<NonNullable<MailConfig['smtp']>>) {
  const s = await TestSmtpServer.start(server);
  const db = await createTestDatabase();
  const base = mailConfig({ worker: false }, s);
  const app = await startApp(db, { mail: { ...base, smtp: base.smtp && { ...base.smtp, ...smtp } } });
  try {
    await app.db.write((m) => app.app.get(MailService).queue(m, { kind: 'reminder', to: { address: 'tls@example.org' }, subject: 'Verschlüsselt – Шифрование', text: 'x' }));
    const outcome = await app.worker.runOnce();
    const row = await app.db.dataSource.getRepository(OutboxMail).findOneOrFail({ where: { toAddress: 'tls@example.org' } });
    return { outcome, row, received: [...s.received] };
  } finally {
    await app.close();
    await s.close();
    await db.drop();
  }
}

describe('mail over TLS', () => {
  it('sends with STARTTLS required, trusting an in-house CA from SMTP_CA_FILE', async () => {
    const r = await sendOnce({ tls: 'starttls', auth: { user: 'u', pass: 'p' } }, { requireTls: true, caFile: TEST_TLS_CERT, user: 'u', password: 'p' });
    expect(r.outcome).toBe('sent');
    expect(r.received).toHaveLength(1);
    expect(r.received[0].secure).toBe(true);
    expect(r.received[0].parsed.subject).toBe('Verschlüsselt – Шифрование');
  });

  it('sends with TLS from the first byte (SMTP_SECURE)', async () => {
    const r = await sendOnce({ tls: 'implicit' }, { secure: true, caFile: TEST_TLS_CERT });
    expect(r.outcome).toBe('sent');
    expect(r.received[0].secure).toBe(true);
  });

  it('refuses a certificate it cannot verify, keeps the mail and says why', async () => {
    const r = await sendOnce({ tls: 'starttls' }, { requireTls: true });
    expect(r.outcome).toBe('retry');
    expect(r.received).toHaveLength(0);
    expect(r.row.status).toBe('queued');
    expect(r.row.lastError).toContain('Zertifikat des Mailservers wurde nicht akzeptiert');
  });

  it('does not fall back to plain text when STARTTLS is required but not offered', async () => {
    const r = await sendOnce({}, { requireTls: true });
    expect(r.outcome).toBe('retry');
    expect(r.received).toHaveLength(0);
    expect(r.row.lastError).toContain('Die verschlüsselte Verbindung zum Mailserver ist fehlgeschlagen');
  });
});
