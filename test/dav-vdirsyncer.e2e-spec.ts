import { jest } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Account } from '../src/auth/account.entity.js';
import { memberViewer } from '../src/auth/viewer.js';
import { DatabaseService } from '../src/database/database.service.js';
import { PrivacyService } from '../src/privacy/privacy.service.js';
import { changePhone, consentedPerson, createDevicePassword } from './helpers/dav.js';
import { createMeeting, createMeetingsFixture, meetingAgent, type MeetingsFixture } from './helpers/meetings-fixture.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

// Debian's vdirsyncer (a Python program) against the real app over HTTP.
jest.setTimeout(120_000);

const VDIRSYNCER = '/usr/bin/vdirsyncer';

/** Runs vdirsyncer with the config; answers "y" to its questions (create the local folders). */
function vdirsyncer(config: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(VDIRSYNCER, ['-c', config, ...args], { env: { ...process.env, HOME: tmpdir(), LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.stdin.end('y\n'.repeat(20));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`vdirsyncer ${args.join(' ')} exited ${code}:\n${out}`))));
  });
}

/** Every file below a folder: relative path → content. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string, prefix: string): void => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full, `${prefix}${name}/`);
      else out.set(`${prefix}${name}`, readFileSync(full, 'utf8'));
    }
  };
  if (existsSync(dir)) walk(dir, '');
  return out;
}

function differences(before: Map<string, string>, after: Map<string, string>): { added: string[]; removed: string[]; changed: string[] } {
  return {
    added: [...after.keys()].filter((k) => !before.has(k)),
    removed: [...before.keys()].filter((k) => !after.has(k)),
    changed: [...after.keys()].filter((k) => before.has(k) && before.get(k) !== after.get(k)),
  };
}

describe('CardDAV and CalDAV with vdirsyncer', () => {
  let t: TestApp;
  let f: MeetingsFixture;
  let dir: string;
  let config: string;
  let colleague: number;
  let leaving: number;
  let meetingId: number;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    const address = t.app.getHttpServer().address();
    if (!address || typeof address === 'string') throw new Error('no port');
    f = await createMeetingsFixture(t);
    const chair = await meetingAgent(t, f.emails.chair);
    const password = await createDevicePassword(chair, 'vdirsyncer');
    meetingId = await createMeeting(chair, f, { title: 'Herbstsitzung', date: '2027-10-07' });
    colleague = await consentedPerson(t, 'Leyla', 'Yılmaz', '+49 385 333-3333');
    leaving = await consentedPerson(t, 'Tomasz', 'Nowak', '+49 385 444-4444');

    dir = mkdtempSync(join(tmpdir(), 'nm-vdirsyncer-'));
    config = join(dir, 'config');
    const url = `http://127.0.0.1:${address.port}/`;
    const remote = (kind: 'carddav' | 'caldav'): string =>
      `type = "${kind}"\nurl = "${url}"\nusername = "${f.emails.chair}"\npassword = "${password}"\nread_only = true\n`;
    writeFileSync(
      config,
      [
        `[general]\nstatus_path = "${join(dir, 'status')}/"\n`,
        `[pair contacts]\na = "contacts_remote"\nb = "contacts_local"\ncollections = ["from a"]\n`,
        `[storage contacts_remote]\n${remote('carddav')}`,
        `[storage contacts_local]\ntype = "filesystem"\npath = "${join(dir, 'contacts')}/"\nfileext = ".vcf"\n`,
        `[pair calendars]\na = "calendars_remote"\nb = "calendars_local"\ncollections = ["from a"]\n`,
        `[storage calendars_remote]\n${remote('caldav')}`,
        `[storage calendars_local]\ntype = "filesystem"\npath = "${join(dir, 'calendars')}/"\nfileext = ".ics"\n`,
      ].join('\n'),
    );
    await vdirsyncer(config, ['discover']);
  });

  afterAll(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  it('syncs the address books and calendars into local folders', async () => {
    await vdirsyncer(config, ['sync']);
    const contacts = snapshot(join(dir, 'contacts'));
    const collections = new Set([...contacts.keys()].map((k) => k.split('/')[0]));
    expect(collections.size).toBe(4); // the directory and the chair's three bodies
    expect([...contacts.values()].some((v) => v.includes('+49 385 333-3333'))).toBe(true);
    expect([...contacts.values()].every((v) => v.startsWith('BEGIN:VCARD') && v.includes('VERSION:3.0'))).toBe(true);

    const calendars = snapshot(join(dir, 'calendars'));
    expect(readdirSync(join(dir, 'calendars'))).toHaveLength(4); // personal and three bodies (two without meetings)
    const events = [...calendars.values()].filter((v) => v.includes(`/sitzungen/${meetingId}`));
    expect(events.length).toBe(2); // the personal calendar and the body's
    expect(events[0]).toContain('BEGIN:VTIMEZONE');
  });

  it('a changed phone number changes exactly one file; an erased person\'s file is gone', async () => {
    await vdirsyncer(config, ['sync']);
    const before = snapshot(join(dir, 'contacts'));
    const calendarsBefore = snapshot(join(dir, 'calendars'));

    await changePhone(t, colleague, '+49 385 777-7777');
    await vdirsyncer(config, ['sync']);
    const afterChange = snapshot(join(dir, 'contacts'));
    const changed = differences(before, afterChange);
    expect(changed.added).toEqual([]);
    expect(changed.removed).toEqual([]);
    expect(changed.changed).toHaveLength(1); // only the directory holds this person (no body)
    expect(afterChange.get(changed.changed[0])).toContain('+49 385 777-7777');
    expect(differences(calendarsBefore, snapshot(join(dir, 'calendars')))).toEqual({ added: [], removed: [], changed: [] });

    const admin = (await t.app.get(DatabaseService).dataSource.getRepository(Account).findOneByOrFail({ email: f.emails.admin })).id;
    const leavingFile = [...afterChange.entries()].find(([, v]) => v.includes('+49 385 444-4444'))?.[0];
    expect(leavingFile).toBeDefined();
    await t.app.get(PrivacyService).erase(memberViewer(admin, null, true), leaving);
    await vdirsyncer(config, ['sync']);
    const afterErase = snapshot(join(dir, 'contacts'));
    expect(differences(afterChange, afterErase)).toEqual({ added: [], removed: [leavingFile], changed: [] });
  });
});
