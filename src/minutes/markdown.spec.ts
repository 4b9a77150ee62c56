import { isSafeLink, renderMarkdown, sanitizeRenderedHtml } from './markdown.js';

const ALLOWED_TAGS = new Set(['p', 'br', 'strong', 'em', 's', 'del', 'code', 'pre', 'blockquote', 'hr', 'ul', 'ol', 'li', 'a', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);
const ALLOWED_ATTRIBUTES = new Set(['href', 'title', 'rel', 'start', 'scope']);

/**
 * Nothing executable may survive. Escaped text (&lt;script&gt;) is harmless, so this looks at the real
 * tags only: every tag allowed, every attribute allowed, every href http(s), mailto or site-internal,
 * and no raw "<" left in text that a browser could read as a tag.
 */
function expectHarmless(html: string): void {
  const tags = [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)];
  for (const [, name, rest] of tags) {
    expect(ALLOWED_TAGS.has(name.toLowerCase())).toBe(true);
    for (const [, attr, value] of rest.matchAll(/\s([^\s=/>]+)(?:="([^"]*)")?/g)) {
      expect(ALLOWED_ATTRIBUTES.has(attr.toLowerCase())).toBe(true);
      if (attr.toLowerCase() === 'href') expect(value).toMatch(/^(https?:\/\/|mailto:|\/(?![/\\])|#)/i);
    }
  }
  const withoutTags = html.replace(/<\/?[a-zA-Z][a-zA-Z0-9]*[^>]*>/g, '');
  expect(withoutTags).not.toMatch(/<[a-zA-Z!/?]/);
  expect(html).not.toMatch(/<(script|iframe|img|svg|style|form)/i);
}

describe('renderMarkdown', () => {
  it.each(['<img src=x onerror=alert(1)>', '<a href="javascript:alert(1)">x</a>', '<p onclick="x()">a</p>', '<p>a < b<script>x</script></p>'])(
    'the harmlessness check itself rejects %s',
    (html) => {
      expect(() => expectHarmless(html)).toThrow();
    },
  );

  it('renders ordinary Markdown', () => {
    const html = renderMarkdown('**Ergebnis:** angenommen\n\n- Punkt eins\n- Punkt zwei\n\n[Stadt](https://www.schwerin.de)');
    expect(html).toContain('<strong>Ergebnis:</strong> angenommen');
    expect(html).toContain('<li>Punkt eins</li>');
    expect(html).toContain('<a href="https://www.schwerin.de" rel="nofollow noopener noreferrer">Stadt</a>');
  });

  it('keeps names in every script', () => {
    const html = renderMarkdown('Frau Nguyễn Thị Lan, Herr Çelik, Олена Шевченко, مريم الحسيني');
    expect(html).toBe('<p>Frau Nguyễn Thị Lan, Herr Çelik, Олена Шевченко, مريم الحسيني</p>');
  });

  it('turns line breaks into <br> and shifts headings below the page headings', () => {
    expect(renderMarkdown('Zeile 1\nZeile 2')).toBe('<p>Zeile 1<br />\nZeile 2</p>');
    expect(renderMarkdown('# Groß\n## Mittel\n### Klein')).toBe('<h4>Groß</h4>\n<h5>Mittel</h5>\n<h6>Klein</h6>');
  });

  it('gives an empty string for nothing', () => {
    expect(renderMarkdown(null)).toBe('');
    expect(renderMarkdown('   \n ')).toBe('');
  });

  it.each([
    ['script tag', '<script>alert(1)</script>'],
    ['script in paragraph', 'Hallo <script src="https://evil.example/x.js"></script> Welt'],
    ['img onerror', '<img src=x onerror=alert(1)>'],
    ['svg onload', '<svg onload=alert(1)><circle/></svg>'],
    ['iframe', '<iframe src="javascript:alert(1)"></iframe>'],
    ['javascript link', '[klick](javascript:alert(1))'],
    ['JavaScript link in capitals', '[klick](JaVaScRiPt:alert(1))'],
    ['entity-encoded javascript', '[klick](jav&#x61;script:alert(1))'],
    ['tab inside the scheme', '[klick](<java\tscript:alert(1)>)'],
    ['percent-encoded scheme', '[klick](javascript%3Aalert(1))'],
    ['vbscript', '[klick](vbscript:msgbox(1))'],
    ['data URL link', '[klick](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['data URL image', '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
    ['image with javascript', '![x](javascript:alert(1))'],
    ['reference link to javascript', '[klick][1]\n\n[1]: javascript:alert(1)'],
    ['autolink javascript', '<javascript:alert(1)>'],
    ['protocol-relative link', '[klick](//evil.example/x)'],
    ['backslash protocol-relative link', '[klick](/\\evil.example/x)'],
    ['nested trick', '<scr<script>ipt>alert(1)</scr</script>ipt>'],
    ['html inside code span', '`<script>alert(1)</script>`'],
    ['link title attribute breakout', '[a](https://ok.example "x\\" onmouseover=\\"alert(1))'],
    ['event attribute via markdown-it attrs syntax', '[a](https://ok.example){onclick=alert(1)}'],
    ['style tag', '<style>body{display:none}</style>'],
    ['html comment', '<!-- <script>alert(1)</script> -->'],
    ['form', '<form action="javascript:alert(1)"><button>x</button></form>'],
    ['file link', '[klick](file:///etc/passwd)'],
  ])('neutralises %s', (_name, source) => {
    expectHarmless(renderMarkdown(source));
  });

  it('shows typed HTML as text instead of dropping it silently', () => {
    expect(renderMarkdown('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });

  it('drops a dangerous link but keeps its text', () => {
    const html = renderMarkdown('[klick](javascript:alert(1))');
    expect(html).toContain('klick');
    expect(html).not.toContain('href="javascript');
  });

  it('keeps mailto and site-internal links', () => {
    expect(renderMarkdown('[Mail](mailto:info@example.org)')).toContain('href="mailto:info@example.org"');
    expect(renderMarkdown('[Gremium](/gremien/3)')).toContain('href="/gremien/3"');
  });
});

describe('sanitizeRenderedHtml (second layer alone)', () => {
  it.each([
    '<p onclick="alert(1)">x</p>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="data:text/html,x">x</a>',
    '<img src=x onerror=alert(1)>',
    '<script>alert(1)</script>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<svg><script>alert(1)</script></svg>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  ])('cleans %s', (html) => {
    expectHarmless(sanitizeRenderedHtml(html));
  });
});

describe('isSafeLink', () => {
  it.each([
    ['https://example.org', true],
    ['http://example.org/a?b=c', true],
    ['mailto:a@example.org', true],
    ['/sitzungen/1/protokoll', true],
    ['#top', true],
    ['javascript:alert(1)', false],
    ['data:text/html,x', false],
    ['//evil.example', false],
    ['/\\evil.example', false],
    ['ftp://example.org', false],
    ['', false],
  ])('%s → %s', (url, ok) => {
    expect(isSafeLink(url)).toBe(ok);
  });
});
