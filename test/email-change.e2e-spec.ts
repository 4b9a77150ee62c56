import request from 'supertest';
import { Account } from '../src/auth/account.entity.js';
import { EmailChangeToken } from '../src/auth/email-change-token.entity.js';
import { AuditEntry } from '../src/audit/audit-entry.entity.js';
import { PersonEmail } from '../src/people/person-email.entity.js';
import { Person } from '../src/people/person.entity.js';
import { personSortKey } from '../src/people/person-name.js';
import { createAccount, csrfToken, csrfTokenFrom, login, type Agent } from './helpers/auth.js';
import { mailSuite, type RunningApp, type TestSmtpServer } from './helpers/mail.js';

const PASSWORD = 'Am Schweriner See wohnt die Post 2026';

function confirmPathIn(text: string): string {
  const match = /https?:\/\/[^/\s]+(\/konto\/email-bestaetigen\/[A-Za-z0-9_-]{43})/.exec(text);
  if (!match) throw new Error(`no confirmation link in mail: ${text.slice(0, 300)}`);
  return match[1];
}

describe('changing the e-mail address: confirmed by a link to the new address, the old one is told', () => {
  const suite = mailSuite();
  let t: RunningApp;
  let smtp: TestSmtpServer;
  let member: Agent;
  let personId: number;

  beforeAll(async () => {
    ({ t, smtp } = suite);
    personId = await t.db.write(async (m) => {
      const p = await m.getRepository(Person).save(
        m.getRepository(Person).create({ givenName: 'Olena', familyName: 'Umzug', sortKey: personSortKey({ givenName: 'Olena', familyName: 'Umzug' }), emails: [{ email: 'olena.alt@example.org', position: 0 }] }),
      );
      return p.id;
    });
    await createAccount(t, { email: 'olena.alt@example.org', password: PASSWORD, personId });
    await createAccount(t, { email: 'besetzt@example.org', password: PASSWORD });
    member = request.agent(t.http);
    await login(member, 'olena.alt@example.org', PASSWORD);
  });

  async function ask(fields: Record<string, string>): Promise<request.Response> {
    return member.post('/konto/email').type('form').send({ ...fields, _csrf: await csrfToken(member, '/konto/email') });
  }

  it('refuses a wrong password, the same, a taken and a malformed address with German messages, keeping the address typed', async () => {
    const wrong = await ask({ newEmail: 'olena.neu@example.org', currentPassword: 'falsch' });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('Das aktuelle Passwort ist nicht richtig.');
    expect(wrong.text).toContain('value="olena.neu@example.org"');
    expect((await ask({ newEmail: 'Olena.Alt@example.org', currentPassword: PASSWORD })).text).toContain('Das ist schon die Adresse Ihres Kontos.');
    expect((await ask({ newEmail: 'besetzt@example.org', currentPassword: PASSWORD })).text).toContain('Diese Adresse gehört schon zu einem anderen Konto.');
    expect((await ask({ newEmail: 'keine-adresse', currentPassword: PASSWORD })).text).toContain('Bitte geben Sie eine E-Mail-Adresse wie name@example.org ein.');
    expect(await t.db.dataSource.getRepository(EmailChangeToken).count()).toBe(0);
  });

  it('mails the link to the new address and a notice to the old; only the confirmed link changes account and entry', async () => {
    const res = await ask({ newEmail: 'Olena.Neu@example.org', currentPassword: PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/konto?hinweis=email-angefragt');
    // nothing changed yet
    expect((await t.db.dataSource.getRepository(Account).findOneByOrFail({ personId })).email).toBe('olena.alt@example.org');

    await t.worker.drain();
    const mails = await smtp.waitFor(2);
    const toNew = mails.find((m) => m.envelopeTo.includes('olena.neu@example.org'));
    const toOld = mails.find((m) => m.envelopeTo.includes('olena.alt@example.org'));
    expect(toNew?.parsed.subject).toBe('Neue E-Mail-Adresse für Netzwerk Migration bestätigen');
    expect(toOld?.parsed.subject).toBe('Änderung Ihrer E-Mail-Adresse bei Netzwerk Migration');
    expect(toOld?.parsed.text).toContain('auf olena.neu@example.org angefragt');
    expect(toOld?.parsed.text).not.toContain('/konto/email-bestaetigen/');
    const path = confirmPathIn(toNew?.parsed.text ?? '');

    // opening the link changes nothing (mail scanners open links); the button does
    const page = await request(t.http).get(path).expect(200);
    expect(page.text).toContain('<strong>olena.neu@example.org</strong>');
    expect((await t.db.dataSource.getRepository(Account).findOneByOrFail({ personId })).email).toBe('olena.alt@example.org');
    const browser = request.agent(t.http);
    const confirmPage = await browser.get(path);
    const done = await browser.post(path).type('form').send({ _csrf: csrfTokenFrom(confirmPage.text) });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/anmelden?hinweis=email-geaendert');

    expect((await t.db.dataSource.getRepository(Account).findOneByOrFail({ personId })).email).toBe('olena.neu@example.org');
    expect((await t.db.dataSource.getRepository(PersonEmail).findBy({ personId })).map((e) => e.email)).toEqual(['olena.neu@example.org']);
    await login(request.agent(t.http), 'olena.neu@example.org', PASSWORD);
    const old = request.agent(t.http);
    const oldPage = await old.get('/anmelden');
    expect((await old.post('/anmelden').type('form').send({ _csrf: csrfTokenFrom(oldPage.text), email: 'olena.alt@example.org', password: PASSWORD })).status).toBe(422);

    // used: 404 revealing nothing
    const used = await request(t.http).get(path);
    expect(used.status).toBe(404);
    expect(used.text).not.toContain('olena.neu@example.org');
    expect((await browser.post(path).type('form').send({ _csrf: csrfTokenFrom(confirmPage.text) })).status).toBe(404);

    const audit = await t.db.dataSource.getRepository(AuditEntry).find({ where: { entityType: 'account' } });
    expect(audit.some((e) => e.changes.includes('olena.alt@example.org') && e.changes.includes('olena.neu@example.org') && e.changes.includes('"field":"email"'))).toBe(true);
  });

  it('a forged, malformed or expired link answers 404', async () => {
    expect((await request(t.http).get(`/konto/email-bestaetigen/${'B'.repeat(43)}`)).status).toBe(404);
    expect((await request(t.http).get('/konto/email-bestaetigen/kurz')).status).toBe(404);
    const agent = request.agent(t.http);
    await login(agent, 'olena.neu@example.org', PASSWORD);
    const res = await agent.post('/konto/email').type('form').send({ newEmail: 'olena.spaeter@example.org', currentPassword: PASSWORD, _csrf: await csrfToken(agent, '/konto/email') });
    expect(res.status).toBe(303);
    await t.worker.drain();
    const mail = (await smtp.waitFor(4)).find((m) => m.envelopeTo.includes('olena.spaeter@example.org'));
    const path = confirmPathIn(mail?.parsed.text ?? '');
    await t.db.write((m) => m.getRepository(EmailChangeToken).update({ newEmail: 'olena.spaeter@example.org' }, { expiresAt: new Date(Date.now() - 1000) }));
    expect((await request(t.http).get(path)).status).toBe(404);
  });
});
