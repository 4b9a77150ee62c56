import { snippetOf } from './search-snippet.js';

const render = (parts: ReturnType<typeof snippetOf>): string => (parts ?? []).map((p) => (p.mark ? `[${p.text}]` : p.text)).join('');

describe('snippetOf', () => {
  it('marks the words that start with a query word, folded like the search (case, umlauts)', () => {
    expect(render(snippetOf('Der Beirat unterstützt den Sprachmittlerpool.', ['sprachmittler']))).toBe('Der Beirat unterstützt den [Sprachmittlerpool].');
    expect(render(snippetOf('Frau Müller berichtet.', ['muller']))).toBe('Frau [Müller] berichtet.');
    expect(render(snippetOf('Frau Mueller berichtet.', ['mueller']))).toBe('Frau [Mueller] berichtet.');
  });

  it('cuts a long text around the first match at word boundaries', () => {
    const text = `${'Vorrede '.repeat(40)}Hier geht es um den Sprachmittlerpool und seine Kosten. ${'Nachrede '.repeat(60)}`;
    const out = render(snippetOf(text, ['sprachmittlerpool']));
    expect(out.startsWith('… ')).toBe(true);
    expect(out.endsWith(' …')).toBe(true);
    expect(out).toContain('[Sprachmittlerpool]');
    expect(out.length).toBeLessThan(260);
    // Whole words at both ends, never "rede" cut out of "Vorrede".
    expect(out).toMatch(/^… (Vorrede )+Hier geht es/u);
    expect(out).toMatch(/Kosten\. (Nachrede )*Nachrede …$/u);
  });

  it('marks words containing a query word only for inside-word hits', () => {
    expect(snippetOf('Migrationsberater', ['berater'])).toBeNull();
    expect(render(snippetOf('Migrationsberater', ['berater'], true))).toBe('[Migrationsberater]');
  });

  it('returns plain text parts: markup in the text stays text for the template to escape', () => {
    const parts = snippetOf('<script>alert(1)</script> Sprachmittler & Co', ['sprachmittler']);
    expect(parts?.filter((p) => p.mark).map((p) => p.text)).toEqual(['Sprachmittler']);
    expect(parts?.map((p) => p.text).join('')).toBe('<script>alert(1)</script> Sprachmittler & Co');
  });

  it('gives nothing without a match or words', () => {
    expect(snippetOf('Nichts davon', ['sprach'])).toBeNull();
    expect(snippetOf('', ['sprach'])).toBeNull();
    expect(snippetOf('Sprache', [])).toBeNull();
  });
});
