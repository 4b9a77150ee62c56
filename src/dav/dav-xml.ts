import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** XML namespaces the DAV module speaks. */
export const NS = {
  dav: 'DAV:',
  carddav: 'urn:ietf:params:xml:ns:carddav',
  caldav: 'urn:ietf:params:xml:ns:caldav',
  cs: 'http://calendarserver.org/ns/',
  apple: 'http://apple.com/ns/ical/',
} as const;

/** Prefixes used in our answers (declared once on the root element). */
const PREFIXES: Record<string, string> = { [NS.dav]: 'd', [NS.carddav]: 'card', [NS.caldav]: 'cal', [NS.cs]: 'cs', [NS.apple]: 'ical' };

/** Request bodies larger than this are refused (413) before parsing. */
export const MAX_XML_BYTES = 256 * 1024;
/** Deeper element nesting than this is refused (400); real DAV requests nest six levels at most. */
export const MAX_XML_DEPTH = 24;
/** More elements than this in one request are refused (400): a multiget of 5,000 hrefs stays below. */
export const MAX_XML_ELEMENTS = 20_000;

/** An element with its namespace resolved. */
export interface XmlElement {
  ns: string;
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** The request body is not acceptable XML; status 400 (malformed, hostile) or 413 (too large). */
export class XmlRejected extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: false, // no entity expansion at all (billion laughs, external entities)
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_XML_DEPTH,
});

type Ordered = Record<string, unknown>;

/** The five predefined entities and character references, decoded by hand (the parser expands none). */
function decodeText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    switch (ref) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
    }
    const code = ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * Parses a DAV request body with a real XML parser: well-formedness checked first, no DOCTYPE (so
 * no entity declarations of any kind), no entity expansion, limited size, depth and element count;
 * element names resolved against their xmlns declarations. Empty body: null.
 */
export function parseDavXml(body: Buffer): XmlElement | null {
  if (body.length > MAX_XML_BYTES) throw new XmlRejected(413, 'Request body too large');
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') return null;
  // A DOCTYPE is never needed in DAV; refusing it refuses every entity declaration.
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) throw new XmlRejected(400, 'DOCTYPE not allowed');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new XmlRejected(400, 'Malformed XML');
  let tree: Ordered[];
  try {
    tree = parser.parse(text) as Ordered[];
  } catch {
    throw new XmlRejected(400, 'Malformed or too deeply nested XML');
  }
  const counter = { elements: 0 };
  const roots = convert(tree, { '': '' }, 1, counter);
  if (roots.length !== 1) throw new XmlRejected(400, 'Expected one root element');
  return roots[0];
}

function convert(nodes: Ordered[], scope: Record<string, string>, depth: number, counter: { elements: number }): XmlElement[] {
  if (depth > MAX_XML_DEPTH) throw new XmlRejected(400, 'XML nested too deeply');
  const out: XmlElement[] = [];
  for (const node of nodes) {
    const rawAttrs = (node[':@'] ?? {}) as Record<string, string>;
    for (const key of Object.keys(node)) {
      if (key === ':@' || key === '#text' || key === '#comment' || key === '#cdata') continue;
      if (++counter.elements > MAX_XML_ELEMENTS) throw new XmlRejected(400, 'Too many XML elements');
      const local = { ...scope };
      const attrs: Record<string, string> = {};
      for (const [name, value] of Object.entries(rawAttrs)) {
        if (name === 'xmlns') local[''] = value;
        else if (name.startsWith('xmlns:')) local[name.slice(6)] = value;
        else attrs[name.includes(':') ? name.slice(name.indexOf(':') + 1) : name] = decodeText(String(value));
      }
      const colon = key.indexOf(':');
      const prefix = colon === -1 ? '' : key.slice(0, colon);
      const ns = local[prefix];
      if (ns === undefined) throw new XmlRejected(400, `Unknown namespace prefix ${prefix}`);
      const childNodes = (node[key] ?? []) as Ordered[];
      const text = childNodes
        .map((c) => (typeof c['#text'] === 'string' || typeof c['#text'] === 'number' ? String(c['#text']) : ''))
        .join('');
      out.push({ ns, name: colon === -1 ? key : key.slice(colon + 1), attrs, children: convert(childNodes, local, depth + 1, counter), text: decodeText(text) });
    }
  }
  return out;
}

/** The first child with this namespace and name. */
export function child(el: XmlElement | null | undefined, ns: string, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.ns === ns && c.name === name);
}

export function childrenNamed(el: XmlElement | null | undefined, ns: string, name: string): XmlElement[] {
  return el?.children.filter((c) => c.ns === ns && c.name === name) ?? [];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;' };

/** XML text or attribute value, escaped; CR kept as a character reference (vCard and iCalendar lines end in CRLF). */
export function xmlEscape(text: string): string {
  return text.replace(/[&<>"'\r]/g, (c) => ESCAPES[c] ?? c);
}

/** A property name as requested: namespace and local name. */
export interface PropName {
  ns: string;
  name: string;
}

/** `<prefix:name>`-style tag for a property; properties of unknown namespaces get their own declaration. */
export function tag(p: PropName, inner: string | null): string {
  const prefix = PREFIXES[p.ns];
  const safeName = /^[A-Za-z_][A-Za-z0-9._-]*$/.test(p.name) ? p.name : 'invalid-name';
  const open = prefix ? `${prefix}:${safeName}` : `x:${safeName} xmlns:x="${xmlEscape(p.ns)}"`;
  const close = prefix ? `${prefix}:${safeName}` : `x:${safeName}`;
  return inner === null || inner === '' ? `<${open}/>` : `<${open}>${inner}</${close}>`;
}

const ROOT_NS = Object.entries(PREFIXES)
  .map(([ns, prefix]) => `xmlns:${prefix}="${ns}"`)
  .join(' ');

/** One `<d:response>`: either a status for the href (e.g. 404 for a removed card) or propstats. */
export interface DavResponse {
  href: string;
  status?: number;
  found?: string[];
  missing?: PropName[];
}

const REASONS: Record<number, string> = { 200: 'OK', 403: 'Forbidden', 404: 'Not Found' };

function statusLine(code: number): string {
  return `HTTP/1.1 ${code} ${REASONS[code] ?? ''}`.trimEnd();
}

/** The start of a 207 Multi-Status body, up to the first `<d:response>`. */
export const MULTISTATUS_HEAD = `<?xml version="1.0" encoding="utf-8"?>\n<d:multistatus ${ROOT_NS}>`;

/** One `<d:response>` element of a Multi-Status body. */
export function responseXml(r: DavResponse): string {
  let out = `<d:response><d:href>${xmlEscape(r.href)}</d:href>`;
  if (r.status !== undefined) out += `<d:status>${statusLine(r.status)}</d:status>`;
  else if ((r.found?.length ?? 0) === 0 && (r.missing?.length ?? 0) === 0) out += `<d:propstat><d:prop/><d:status>${statusLine(200)}</d:status></d:propstat>`;
  else {
    if (r.found && r.found.length > 0) out += `<d:propstat><d:prop>${r.found.join('')}</d:prop><d:status>${statusLine(200)}</d:status></d:propstat>`;
    if (r.missing && r.missing.length > 0) {
      out += `<d:propstat><d:prop>${r.missing.map((p) => tag(p, null)).join('')}</d:prop><d:status>${statusLine(404)}</d:status></d:propstat>`;
    }
  }
  return `${out}</d:response>`;
}

/** The end of a Multi-Status body after the last `<d:response>`, with the sync token if any. */
export function multistatusTail(syncToken?: string): string {
  return `${syncToken !== undefined ? `<d:sync-token>${xmlEscape(syncToken)}</d:sync-token>` : ''}</d:multistatus>\n`;
}

/**
 * A 207 Multi-Status body (RFC 4918 §13) as one string; `syncToken` for sync-collection answers
 * (RFC 6578). Answers are streamed (dav-stream.ts: the same bytes in chunks); this is for small bodies.
 */
export function multistatus(responses: DavResponse[], syncToken?: string): string {
  return MULTISTATUS_HEAD + responses.map(responseXml).join('') + multistatusTail(syncToken);
}

/** A DAV error body (RFC 4918 §16) with one precondition element, e.g. `<d:valid-sync-token/>`. */
export function davError(condition: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<d:error ${ROOT_NS}>${condition}</d:error>\n`;
}
