import { jest } from '@jest/globals';
import request from 'supertest';
import { DevicePasswordsService } from '../src/auth/device-passwords.service.js';
import { memberViewer } from '../src/auth/viewer.js';
import { createAccount } from './helpers/auth.js';
import { basic } from './helpers/dav.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

describe('request logs', () => {
  let t: TestApp;
  let lines: string[];
  let spy: { mockRestore: () => void };

  beforeAll(async () => {
    t = await createTestApp({ logFormat: 'json', logLevel: 'log' });
  });
  beforeEach(() => {
    lines = [];
    spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    });
  });
  afterEach(() => spy.mockRestore());
  afterAll(async () => {
    await t.close();
  });

  function entries(): { message: { requestId: string; method: string; path: string; status: number; ms: number } }[] {
    return lines
      .flatMap((l) => l.split('\n'))
      .filter((l) => l.includes('"context":"HTTP"'))
      .map((l) => JSON.parse(l) as { message: { requestId: string; method: string; path: string; status: number; ms: number } });
  }

  it('writes one JSON line per request with a request id, echoed in X-Request-Id', async () => {
    const res = await request(t.http).get('/organisationen').expect(200);
    const [entry] = entries();
    expect(entry.message).toMatchObject({ method: 'GET', path: '/organisationen', status: 200 });
    expect(res.headers['x-request-id']).toBe(entry.message.requestId);
  });

  it('keeps a sane incoming request id and replaces a hostile one', async () => {
    await request(t.http).get('/').set('X-Request-Id', 'proxy-1234abcd').expect(200);
    await request(t.http).get('/').set('X-Request-Id', '<script>alert(1)</script>').expect(200);
    const ids = entries().map((e) => e.message.requestId);
    expect(ids[0]).toBe('proxy-1234abcd');
    expect(ids[1]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never logs search terms, tokens or personal data', async () => {
    await request(t.http).get('/suche?q=Avramenko%20Dimitri');
    await request(t.http).get('/kalender/Zq8xY_secretTOKENvalue1234567890.ics');
    await request(t.http).get('/konto/passwort-setzen/abcdefABCDEF0123456789abcdef');
    const all = lines.join('');
    expect(all).not.toContain('Avramenko');
    expect(all).not.toContain('secretTOKEN');
    expect(all).not.toContain('abcdefABCDEF');
    expect(entries().map((e) => e.message.path)).toEqual(['/suche', '/kalender/:geheim', '/konto/passwort-setzen/:geheim']);
  });

  it('logs every CardDAV/CalDAV request (method, path, status), never the credentials', async () => {
    const account = await createAccount(t, { email: 'dav-log@example.org', password: 'Protokoll ohne Passwort 2026' });
    const { password } = await t.app.get(DevicePasswordsService).create(memberViewer(account.id), 'Logtest');
    lines = [];
    const auth = basic('dav-log@example.org', password);
    await request(t.http).propfind('/dav/').set('Authorization', auth).set('Depth', '0').expect(207);
    await request(t.http).propfind('/dav/').set('Authorization', basic('dav-log@example.org', 'falsches-geraetepasswort')).expect(401);
    const all = lines.join('');
    expect(all).not.toContain(password);
    expect(all).not.toContain(password.replace(/-/g, ''));
    expect(all).not.toContain(auth.slice(6));
    expect(all).not.toContain('falsches-geraetepasswort');
    expect(entries().map((e) => [e.message.method, e.message.path, e.message.status])).toEqual([
      ['PROPFIND', '/dav/', 207],
      ['PROPFIND', '/dav/', 401],
    ]);
  });
});
