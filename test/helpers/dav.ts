import request from 'supertest';
import { DatabaseService } from '../../src/database/database.service.js';
import { PersonEmail } from '../../src/people/person-email.entity.js';
import { PersonPhone } from '../../src/people/person-phone.entity.js';
import { Person } from '../../src/people/person.entity.js';
import { sortKeyOf } from '../../seeds/seed-context.js';
import { type Agent, csrfTokenFrom } from './auth.js';
import type { TestApp } from './test-app.js';

/** Creates a device password through the account page (as a user does); returns it as shown once. */
export async function createDevicePassword(agent: Agent, name: string): Promise<string> {
  const page = await agent.get('/konto/geraete');
  const res = await agent.post('/konto/geraete').type('form').send({ name, _csrf: csrfTokenFrom(page.text) });
  if (res.status !== 201) throw new Error(`Creating the device password failed with HTTP ${res.status}: ${res.text.slice(0, 300)}`);
  const match = /id="geraetepasswort-neu"[^>]*value="([^"]+)"/.exec(res.text);
  if (!match) throw new Error('The new device password is not on the page');
  return match[1];
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

export interface DavAnswer {
  status: number;
  headers: Record<string, string | undefined>;
  text: string;
}

/** A raw DAV request with supertest (any method); the body as text whatever its type. */
export async function davRequest(t: TestApp, method: string, path: string, auth: string | null, body?: string, headers: Record<string, string> = {}): Promise<DavAnswer> {
  const req = request(t.http)[method.toLowerCase() as 'get'](path);
  if (auth) void req.set('Authorization', auth);
  for (const [k, v] of Object.entries(headers)) void req.set(k, v);
  void req.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
  });
  if (body !== undefined) void req.set('Content-Type', 'application/xml; charset=utf-8').send(body);
  const res = await req;
  return { status: res.status, headers: res.headers, text: typeof res.body === 'string' ? res.body : '' };
}

/** A person who consented to publication, with a phone and an e-mail address visible to members. */
export async function consentedPerson(t: TestApp, givenName: string, familyName: string, phone: string): Promise<number> {
  return t.app.get(DatabaseService).write(async (m) => {
    const p = await m.getRepository(Person).save({
      givenName,
      familyName,
      sortKey: sortKeyOf({ givenName, familyName }),
      phoneVisibility: 'members',
      emailVisibility: 'members',
      consentAt: new Date('2024-01-01T00:00:00Z'),
    });
    await m.getRepository(PersonPhone).save({ personId: p.id, kind: 'work', number: phone, position: 0 });
    await m.getRepository(PersonEmail).save({ personId: p.id, email: `${givenName}.${p.id}@example.org`.toLowerCase(), position: 0 });
    return p.id;
  });
}

/** Changes a person's first phone number (a write through the app's one write path). */
export async function changePhone(t: TestApp, personId: number, number: string): Promise<void> {
  await t.app.get(DatabaseService).write(async (m) => {
    await m.getRepository(PersonPhone).update({ personId, position: 0 }, { number });
    await m.getRepository(Person).update({ id: personId }, { updatedAt: new Date() });
  });
}
