import { ByteBoundedLru } from './byte-bounded-lru.js';

describe('ByteBoundedLru', () => {
  const lru = (budget: number): ByteBoundedLru<string, string> => new ByteBoundedLru<string, string>(budget, (value) => value.length);

  it('drops the least recently used first; get counts as use, peek does not', () => {
    const m = lru(30);
    m.set('a', 'a'.repeat(10));
    m.set('b', 'b'.repeat(10));
    m.set('c', 'c'.repeat(10));
    expect(m.get('a')).toBe('a'.repeat(10)); // a is the most recently used now
    expect(m.peek('b')).toBe('b'.repeat(10)); // b stays the oldest
    m.set('d', 'd'.repeat(10));
    expect([m.peek('a'), m.peek('b'), m.peek('c'), m.peek('d')].map((v) => v?.[0])).toEqual(['a', undefined, 'c', 'd']);
    expect(m.bytes).toBe(30);
  });

  it('keeps the entry just set even when it alone exceeds the budget, replaces by key, and recounts a grown value', () => {
    const m = lru(30);
    m.set('a', 'a'.repeat(10));
    m.set('big', 'x'.repeat(40));
    expect(m.size).toBe(1);
    expect(m.bytes).toBe(40);
    m.set('big', 'y'.repeat(5));
    expect(m.bytes).toBe(5);
    const grows = new ByteBoundedLru<string, { n: number }>(30, (v) => v.n);
    const value = { n: 10 };
    grows.set('a', { n: 10 });
    grows.set('b', value);
    value.n = 25;
    grows.resized('b');
    expect(grows.peek('a')).toBeUndefined();
    expect(grows.bytes).toBe(25);
    grows.setBudget(0);
    expect(grows.size).toBe(0);
    expect(grows.bytes).toBe(0);
  });
});
