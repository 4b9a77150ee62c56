import request from 'supertest';
import { ConfigError, loadConfig } from '../src/config/app-config.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

describe('accessibility statement (Erklärung zur Barrierefreiheit)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ baseUrl: 'https://netzwerk.example.org', adminEmail: 'admin@example.org', accessibilityContact: 'integration@example.org' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('is public and offers a way to report barriers to the administration', async () => {
    const res = await request(t.http).get('/barrierefreiheit').expect(200);
    expect(res.text).toContain('<h1 id="statement-title">Erklärung zur Barrierefreiheit</h1>');
    const href = /<a class="button" href="(mailto:[^"]+)">Barriere per E-Mail melden<\/a>/.exec(res.text)?.[1] ?? '';
    const mailto = href.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
    expect(mailto.startsWith('mailto:integration@example.org?subject=Barriere%20melden%3A%20Netzwerk%20Migration&body=')).toBe(true);
    expect(decodeURIComponent(mailto)).toContain('Was funktioniert nicht');
    expect(res.text).toContain('id="barriere-melden"');
    expect(res.text).toContain('teilweise vereinbar');
    expect(res.text).not.toContain('admin@example.org'); // the administrator's login is not published
  });

  it('names the page the visitor came from, without query string or tokens', async () => {
    const token = 'a'.repeat(43);
    const res = await request(t.http)
      .get('/barrierefreiheit')
      .set('Referer', `https://netzwerk.example.org/konto/passwort-setzen/${token}?x=1`)
      .expect(200);
    expect(res.text).toContain('https://netzwerk.example.org/konto/passwort-setzen/…');
    expect(res.text).not.toContain(token);
    const foreign = await request(t.http).get('/barrierefreiheit').set('Referer', 'https://evil.example.com/x').expect(200);
    expect(foreign.text).not.toContain('evil.example.com');
  });

  it.each(['/', '/personen', '/anmelden', '/gibt-es-nicht', '/barrierefreiheit'])('is linked from the footer of %s', async (path) => {
    const res = await request(t.http).get(path);
    expect(res.text).toMatch(/<footer class="site-footer">[\s\S]*<a href="\/barrierefreiheit">Erklärung zur Barrierefreiheit<\/a>[\s\S]*<\/footer>/);
  });
});

describe('ACCESSIBILITY_CONTACT', () => {
  it('defaults to ADMIN_EMAIL and can be set on its own', () => {
    expect(loadConfig({ NODE_ENV: 'test', ADMIN_EMAIL: 'fachstelle@example.org' }).accessibilityContact).toBe('fachstelle@example.org');
    expect(loadConfig({ NODE_ENV: 'test', ADMIN_EMAIL: 'fachstelle@example.org', ACCESSIBILITY_CONTACT: 'barrierefrei@example.org' }).accessibilityContact).toBe('barrierefrei@example.org');
    expect(loadConfig({ NODE_ENV: 'test' }).accessibilityContact).toBe('admin@localhost');
  });

  it('refuses a value that is no e-mail address, in German', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', ACCESSIBILITY_CONTACT: 'mailto:x' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'test', ACCESSIBILITY_CONTACT: 'mailto:x' })).toThrow(/ACCESSIBILITY_CONTACT muss eine E-Mail-Adresse sein/);
  });
});
