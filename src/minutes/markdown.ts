import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * Minutes text is Markdown written by editors and read by everyone who may see the minutes,
 * so it is rendered in two independent layers:
 * 1. markdown-it with raw HTML off (typed tags come out as text), images off (no requests to
 *    other servers, no data: URLs) and a link check that allows only http(s), mailto and links
 *    within this site;
 * 2. sanitize-html with a short allow-list of tags and attributes, the same URL schemes and no
 *    event handlers, styles or classes — should layer 1 ever let something through.
 */

/** Markdown headings sit below the page's own: "#" becomes h4 (h1 is the page, h2 sections, h3 agenda items). */
const HEADING_MAP: Record<string, string> = { h1: 'h4', h2: 'h5', h3: 'h6', h4: 'h6', h5: 'h6', h6: 'h6' };

const ALLOWED_TAGS = [
  'p', 'br', 'strong', 'em', 's', 'del', 'code', 'pre', 'blockquote', 'hr',
  'ul', 'ol', 'li', 'a', 'h4', 'h5', 'h6',
  'table', 'thead', 'tbody', 'tr', 'th', 'td',
];

/** Absolute http(s) and mailto links, or links within this site ("/gremien/3", "#top"); nothing else. */
export function isSafeLink(url: string): boolean {
  const u = url.trim();
  return /^(https?:\/\/[^\s/]|mailto:[^\s])/i.test(u) || /^\/(?![/\\])/.test(u) || /^#/.test(u);
}

const md = new MarkdownIt('default', { html: false, linkify: true, typographer: false, breaks: true });
md.disable(['image']);
md.validateLink = isSafeLink;

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: { a: ['href', 'title', 'rel'], ol: ['start'], th: ['scope'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    ...HEADING_MAP,
    a: (tagName, attribs) => {
      const href = attribs.href ?? '';
      const safe: sanitizeHtml.Attributes = isSafeLink(href) ? { href } : {};
      if (attribs.title) safe.title = attribs.title;
      if (/^https?:/i.test(href)) safe.rel = 'nofollow noopener noreferrer';
      return { tagName, attribs: safe };
    },
  },
};

/** Markdown → HTML that is safe to put into a page unescaped. Empty or blank input gives ''. */
export function renderMarkdown(source: string | null | undefined): string {
  if (source === null || source === undefined || source.trim() === '') return '';
  return sanitizeRenderedHtml(md.render(source)).trim();
}

/** Any HTML string through the second layer alone (renderMarkdown's layer 2; tested on its own). */
export function sanitizeRenderedHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE_OPTIONS);
}
