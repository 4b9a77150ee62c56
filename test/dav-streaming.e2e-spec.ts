import { request as httpRequest } from 'node:http';
import { jest } from '@jest/globals';
import { XMLParser } from 'fast-xml-parser';
import { Account } from '../src/auth/account.entity.js';
import { DatabaseService } from '../src/database/database.service.js';
import { DavSyncService } from '../src/dav/dav-sync.service.js';
import { PersonEmail } from '../src/people/person-email.entity.js';
import { PersonPhone } from '../src/people/person-phone.entity.js';
import { Person } from '../src/people/person.entity.js';
import { sortKeyOf } from '../seeds/seed-context.js';
import { basic, createDevicePassword, davRequest } from './helpers/dav.js';
import { createMeetingsFixture, meetingAgent, type MeetingsFixture } from './helpers/meetings-fixture.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

// argon2 per device password and 1,500 people rendered several times: generous limits for a busy CI machine.
jest.setTimeout(120_000);

/** More people than three render slices (CARD_SLICE 500) and a multistatus of well over a megabyte. */
const PEOPLE = 1500;

const SYNC_ALL = `<?xml version="1.0" encoding="utf-8"?><d:sync-collection xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav"><d:sync-token/><d:sync-level>1</d:sync-level><d:prop><d:getetag/><card:address-data/></d:prop></d:sync-collection>`;

interface Parsed {
  cards: Map<string, { etag: string; data: string }>;
  token: string;
}

/** The answer read with an independent XML parser (entities decoded by it): href → ETag and card text. */
function parse(xml: string): Parsed {
  const parser = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, parseTagValue: false, trimValues: false, htmlEntities: true, isArray: (name) => name === 'response' || name === 'propstat' });
  type Propstat = { prop: { getetag?: string; 'address-data'?: string }; status: string };
  const doc = parser.parse(xml) as { multistatus: { response?: { href: string; propstat?: Propstat[] }[]; 'sync-token': string } };
  const cards = new Map<string, { etag: string; data: string }>();
  for (const r of doc.multistatus.response ?? []) {
    const ok = r.propstat?.find((p) => p.status.includes(' 200 '));
    if (ok?.prop.getetag !== undefined && ok.prop['address-data'] !== undefined) cards.set(r.href, { etag: ok.prop.getetag, data: ok.prop['address-data'] });
  }
  return { cards, token: doc.multistatus['sync-token'] };
}

describe('CardDAV: large answers are streamed', () => {
  let t: TestApp;
  let f: MeetingsFixture;
  let password: string;
  let accountId: number;
  let port: number;
  let ids: number[];

  const directory = (): string => `/dav/addressbooks/${accountId}/netzwerk/`;
  const auth = (): string => basic(f.emails.chair, password);

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    const address = t.app.getHttpServer().address();
    if (!address || typeof address === 'string') throw new Error('no port');
    port = address.port;
    f = await createMeetingsFixture(t);
    password = await createDevicePassword(await meetingAgent(t, f.emails.chair), 'Telefon');
    accountId = (await t.app.get(DatabaseService).dataSource.getRepository(Account).findOneByOrFail({ email: f.emails.chair })).id;
    ids = await t.app.get(DatabaseService).write(async (m) => {
      const out: number[] = [];
      for (let i = 0; i < PEOPLE; i += 250) {
        const people = await m.getRepository(Person).save(
          Array.from({ length: Math.min(250, PEOPLE - i) }, (_, k) => {
            const n = i + k;
            // umlauts, a character beyond Latin-1 and XML specials in the cards
            const familyName = `Müller-Łukasz <${n}> & Söhne`;
            return { givenName: 'Jürgen', familyName, sortKey: sortKeyOf({ givenName: 'Jürgen', familyName }), phoneVisibility: 'members' as const, emailVisibility: 'members' as const, consentAt: new Date('2024-01-01T00:00:00Z') };
          }),
        );
        await m.getRepository(PersonPhone).save(people.map((p) => ({ personId: p.id, kind: 'work' as const, number: `+49 385 ${p.id}`, position: 0 })));
        await m.getRepository(PersonEmail).save(people.map((p) => ({ personId: p.id, email: `juergen.${p.id}@example.org`, position: 0 })));
        out.push(...people.map((p) => p.id));
      }
      return out;
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('sends a full sync of a large address book chunked, and it parses completely with every card', async () => {
    const res = await davRequest(t, 'REPORT', directory(), auth(), SYNC_ALL, { Depth: '1' });
    expect(res.status).toBe(207);
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.headers.etag).toBeUndefined();
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    const { cards, token } = parse(res.text);
    expect(token).toMatch(/\/dav\/sync\/\d+-\d+$/);
    for (const id of ids) {
      const card = cards.get(`${directory()}person-${id}.vcf`);
      expect(card?.data).toContain(`FN:Jürgen Müller-Łukasz <${ids.indexOf(id)}> & Söhne\r\n`);
      expect(card?.data).toContain(`+49 385 ${id}`);
    }
    // the GET of a card gives the text and ETag of the sync
    const sample = `${directory()}person-${ids[PEOPLE - 1]}.vcf`;
    const one = await davRequest(t, 'GET', sample, auth());
    expect(one.text).toBe(cards.get(sample)?.data);
    expect(one.headers.etag).toBe(cards.get(sample)?.etag);
  });

  it('renders texts the store no longer holds again, slice by slice: the same bytes as from the store', async () => {
    const sync = t.app.get(DavSyncService);
    const multiget = `<?xml version="1.0" encoding="utf-8"?><card:addressbook-multiget xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav"><d:prop><d:getetag/><card:address-data/></d:prop>${ids
      .map((id) => `<d:href>${directory()}person-${id}.vcf</d:href>`)
      .join('')}<d:href>${directory()}person-999999999.vcf</d:href></card:addressbook-multiget>`;
    const fromStore = await davRequest(t, 'REPORT', directory(), auth(), SYNC_ALL);
    const multigetFromStore = await davRequest(t, 'REPORT', directory(), auth(), multiget);
    expect(sync.textStore.size).toBeGreaterThanOrEqual(PEOPLE);
    try {
      sync.textStore.setBudget(0);
      expect(sync.textStore.size).toBe(0);
      const rendered = await davRequest(t, 'REPORT', directory(), auth(), SYNC_ALL);
      const multigetRendered = await davRequest(t, 'REPORT', directory(), auth(), multiget);
      expect(rendered.text).toBe(fromStore.text);
      expect(multigetRendered.text).toBe(multigetFromStore.text);
      expect(sync.textStore.size).toBe(0);
    } finally {
      sync.textStore.setBudget(16 * 1024 * 1024);
    }
    const parsed = new XMLParser({ removeNSPrefix: true, isArray: (name) => name === 'response' }).parse(multigetFromStore.text) as { multistatus: { response: { href: string; status?: string }[] } };
    expect(parsed.multistatus.response).toHaveLength(PEOPLE + 1);
    expect(parsed.multistatus.response[PEOPLE]).toEqual({ href: `${directory()}person-999999999.vcf`, status: 'HTTP/1.1 404 Not Found' });
  });

  it('stops when the client goes away mid-answer and goes on serving', async () => {
    // read the first bytes of a full sync, then hang up
    const firstBytes = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method: 'REPORT', path: directory(), headers: { Authorization: auth(), 'Content-Type': 'application/xml; charset=utf-8', Depth: '1' } }, (res) => {
        res.once('data', (chunk: Buffer) => {
          req.destroy();
          resolve(chunk.length);
        });
        res.on('error', () => undefined);
      });
      req.on('error', (e) => (req.destroyed ? undefined : reject(e)));
      req.end(SYNC_ALL);
    });
    expect(firstBytes).toBeGreaterThan(0);
    // the app still answers, completely
    const again = await davRequest(t, 'REPORT', directory(), auth(), SYNC_ALL);
    expect(again.status).toBe(207);
    expect(parse(again.text).cards.size).toBeGreaterThanOrEqual(PEOPLE);
  });
});
