import { type IncomingMessage, createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLParser } from 'fast-xml-parser';
import { writeMultistatus } from './dav-stream.js';
import { type DavResponse, multistatus } from './dav-xml.js';

/** A card-sized response with text that needs escaping (CRLF, ampersand, umlauts). */
function card(i: number): DavResponse {
  const text = `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Müller & Söhne ${i}\r\nNOTE:${'x'.repeat(400)}\r\nEND:VCARD\r\n`;
  return { href: `/dav/addressbooks/1/netzwerk/person-${i}.vcf`, found: [`<d:getetag>"e${i}"</d:getetag>`, `<card:address-data>${text.replace(/&/g, '&amp;').replace(/\r/g, '&#13;')}</card:address-data>`] };
}

function* cards(n: number): Generator<DavResponse> {
  for (let i = 1; i <= n; i++) yield card(i);
}

interface Answer {
  res: IncomingMessage;
  body: string;
}

describe('writeMultistatus', () => {
  let server: Server;
  let port: number;
  let handler: (res: Parameters<typeof writeMultistatus>[0]) => Promise<void>;

  beforeEach(async () => {
    server = createServer((_req, res) => {
      res.statusCode = 207;
      res.setHeader('Content-Type', 'application/xml; charset=utf-8');
      void handler(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  function fetchAll(): Promise<Answer> {
    return new Promise((resolve, reject) => {
      get({ host: '127.0.0.1', port, path: '/' }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ res, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      }).on('error', reject);
    });
  }

  it('sends a large answer chunked, byte for byte what multistatus() builds, and it parses', async () => {
    let sent: boolean | undefined;
    handler = async (res) => {
      sent = await writeMultistatus(res, cards(3000), 'http://x/dav/sync/1-2');
    };
    const { res, body } = await fetchAll();
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['content-length']).toBeUndefined();
    expect(body).toBe(multistatus([...cards(3000)], 'http://x/dav/sync/1-2'));
    const parsed = new XMLParser({ ignoreAttributes: true, isArray: (name) => name === 'd:response' }).parse(body) as { 'd:multistatus': { 'd:response': unknown[] } };
    expect(parsed['d:multistatus']['d:response']).toHaveLength(3000);
    expect(sent).toBe(true);
  });

  it('sends a small answer whole with its Content-Length', async () => {
    handler = async (res) => {
      await writeMultistatus(res, cards(2));
    };
    const { res, body } = await fetchAll();
    expect(res.headers['transfer-encoding']).toBeUndefined();
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(body));
    expect(body).toBe(multistatus([...cards(2)]));
  });

  it('stops pulling responses when the client goes away mid-answer, without an error', async () => {
    let pulled = 0;
    let closedIterator = false;
    let resolveDone: (v: boolean) => void = () => undefined;
    const done = new Promise<boolean>((resolve) => (resolveDone = resolve));
    // an answer that never ends: only a client going away can stop it
    async function* endless(): AsyncGenerator<DavResponse> {
      try {
        for (;;) {
          await Promise.resolve(); // as a renderer between slices
          yield card(++pulled);
        }
      } finally {
        closedIterator = true;
      }
    }
    handler = async (res) => {
      resolveDone(await writeMultistatus(res, endless()));
    };
    await new Promise<void>((resolve, reject) => {
      const req = get({ host: '127.0.0.1', port, path: '/' }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', () => undefined);
      req.on('timeout', reject);
    });
    expect(await done).toBe(false);
    expect(closedIterator).toBe(true);
    const stoppedAt = pulled;
    // the server still answers
    handler = async (res) => {
      await writeMultistatus(res, cards(1));
    };
    const again = await fetchAll();
    expect(again.res.statusCode).toBe(207);
    expect(pulled).toBe(stoppedAt);
  });
});
