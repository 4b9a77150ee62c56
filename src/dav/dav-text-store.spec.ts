import { DavTextStore } from './dav-text-store.js';

describe('DavTextStore', () => {
  it('gives back the text of an ETag, also one beyond Latin-1', () => {
    const store = new DavTextStore(10_000);
    store.put('"a"', 'FN:Łukasz Müller\r\n');
    expect(store.get('"a"')).toBe('FN:Łukasz Müller\r\n');
    expect(store.get('"b"')).toBeUndefined();
  });

  it('stays within its byte budget, dropping the least recently used first', () => {
    const text = (c: string): string => c.repeat(300);
    const store = new DavTextStore(1000); // room for two texts of 300 bytes with their overhead
    store.put('"a"', text('a'));
    store.put('"b"', text('b'));
    expect(store.get('"a"')).toBe(text('a')); // a is now the most recently used
    store.put('"c"', text('c'));
    expect(store.bytes).toBeLessThanOrEqual(1000);
    expect(store.get('"b"')).toBeUndefined();
    expect(store.get('"a"')).toBe(text('a'));
    expect(store.get('"c"')).toBe(text('c'));
  });

  it('counts UTF-8 bytes, keeps nothing larger than the budget, and drops what no longer fits a smaller budget', () => {
    const store = new DavTextStore(1000);
    store.put('"big"', 'ü'.repeat(600)); // 1,200 bytes
    expect(store.size).toBe(0);
    store.put('"a"', 'a'.repeat(300));
    expect(store.size).toBe(1);
    store.setBudget(0);
    expect(store.size).toBe(0);
    expect(store.bytes).toBe(0);
  });
});
