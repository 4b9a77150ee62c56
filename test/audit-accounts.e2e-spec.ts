import { DataSource } from 'typeorm';
import { AuditEntry } from '../src/audit/audit-entry.entity.js';
import { Account } from '../src/auth/account.entity.js';
import { AccountsService } from '../src/auth/accounts.service.js';
import type { Viewer } from '../src/auth/viewer.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/** Account changes are audited like every other change, and never with a password in them. */
describe('audit log for accounts', () => {
  let t: TestApp;
  let admin: Viewer;

  beforeAll(async () => {
    t = await createTestApp({ adminEmail: 'admin@example.org', adminPassword: 'Ein-sicheres-Admin-Passwort-2026' });
    const account = await t.app.get(DataSource).getRepository(Account).findOneByOrFail({ email: 'admin@example.org' });
    admin = { kind: 'member', accountId: account.id, personId: null, isAdmin: true };
  });
  afterAll(async () => {
    await t.close();
  });

  it('records creating, issuing a set-password link, setting the password and disabling an account', async () => {
    const accounts = t.app.get(AccountsService);
    const link = await accounts.create(admin, { email: 'neu@example.org', personId: null, isAdmin: false });
    const token = link.url.split('/').pop() ?? '';
    await accounts.setPasswordWithToken(token, 'Ein-ganz-neues-Passwort-77');
    await accounts.setDisabled(admin, link.account.id, true);

    const entries = await t.app.get(DataSource).getRepository(AuditEntry).find({ where: { entityType: 'account', entityId: link.account.id }, order: { id: 'ASC' } });
    expect(entries.map((e) => [e.action, e.actorName])).toEqual([
      ['create', 'admin@example.org'],
      ['update', 'admin@example.org'],
      ['update', 'neu@example.org'],
      ['update', 'admin@example.org'],
    ]);
    const all = entries.map((e) => e.changes).join(' ');
    expect(all).toContain('Gesperrt');
    expect(all).not.toContain('Ein-ganz-neues-Passwort-77');
    expect(all).not.toContain(token);
  });
});
