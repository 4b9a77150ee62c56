import { PublicPageCache } from './public-page-cache.js';

const answer = (text: string) => ({ headers: [['content-type', 'text/html']] as [string, string][], body: Buffer.from(text) });

describe('PublicPageCache', () => {
  it('returns an answer only for the same data variant and within its time to live', () => {
    let now = 1_000;
    const cache = new PublicPageCache({ maxBytes: 1000, ttlMs: 60_000, now: () => now });
    cache.set('/a', 'v1', answer('A'));
    expect(cache.get('/a', 'v1')?.body.toString()).toBe('A');
    expect(cache.get('/a', 'v2')).toBeUndefined();
    now += 60_001;
    expect(cache.get('/a', 'v1')).toBeUndefined();
    expect(cache.hits).toBe(1);
    expect(cache.misses).toBe(2);
  });

  it('drops the least recently used answers beyond its memory and never keeps an oversized one', () => {
    const cache = new PublicPageCache({ maxBytes: 800, ttlMs: 60_000 });
    cache.set('/a', 'v', answer('a'.repeat(100)));
    cache.set('/b', 'v', answer('b'.repeat(100)));
    cache.get('/a', 'v'); // /a is now the most recently used
    for (let i = 0; i < 7; i++) cache.set(`/c${i}`, 'v', answer('c'.repeat(100)));
    expect(cache.get('/b', 'v')).toBeUndefined();
    expect(cache.get('/a', 'v')).toBeDefined();
    expect(cache.storedBytes).toBeLessThanOrEqual(800);
    cache.set('/big', 'v', answer('x'.repeat(101)));
    expect(cache.get('/big', 'v')).toBeUndefined();
  });

  it('replaces an answer for the same URL and counts its bytes once', () => {
    const cache = new PublicPageCache({ maxBytes: 800, ttlMs: 60_000 });
    cache.set('/a', 'v1', answer('x'.repeat(50)));
    cache.set('/a', 'v2', answer('y'.repeat(70)));
    expect(cache.size).toBe(1);
    expect(cache.storedBytes).toBe(70);
    expect(cache.get('/a', 'v2')?.body.toString()).toBe('y'.repeat(70));
  });

  it('counts the compressed copy with its answer', () => {
    const cache = new PublicPageCache({ maxBytes: 800, ttlMs: 60_000 });
    cache.set('/a', 'v', { ...answer('x'.repeat(60)), gzipped: Buffer.alloc(20) });
    expect(cache.storedBytes).toBe(80);
    cache.set('/a', 'v', answer('x'.repeat(10)));
    expect(cache.storedBytes).toBe(10);
  });
});
