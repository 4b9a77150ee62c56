/**
 * The accessibility statement (Erklärung zur Barrierefreiheit, BITV 2.0 § 7 / EU model statement):
 * pure view-model code, so the page itself computes nothing.
 */

/** When the statement was written and last reviewed (update with each review of the site). */
export const STATEMENT_DATE = '2026-11-25';

export interface AccessibilityStatementInput {
  siteName: string;
  baseUrl: string;
  /** Where barriers are reported (the administration of the network). */
  contactEmail: string;
  /** The Referer header of the request, if any: the page the visitor came from. */
  referer: string | undefined;
}

export interface AccessibilityStatementView {
  pageTitle: string;
  siteName: string;
  siteUrl: string;
  statementDate: string;
  contactEmail: string;
  contactHref: string;
  /** The page the visitor came from (same site only, without query and secrets), for the report. */
  reportedPage: string | null;
}

/** Path segments longer than this are replaced: they may be secret tokens (feed links, password links). */
const MAX_SEGMENT = 24;

/**
 * The page a barrier report is about, from the Referer header: only pages of this site, only the path
 * (no query string, no fragment), and with long segments (tokens in feed or password links) cut out,
 * so a visitor never mails a secret by accident. Anything else → null.
 */
export function reportedPageFrom(referer: string | undefined, baseUrl: string): string | null {
  if (!referer) return null;
  let url: URL;
  let base: URL;
  try {
    url = new URL(referer);
    base = new URL(baseUrl);
  } catch {
    return null;
  }
  if (url.origin !== base.origin) return null;
  const path = url.pathname
    .split('/')
    .map((segment) => (segment.length > MAX_SEGMENT ? '…' : segment))
    .join('/');
  if (path === '/barrierefreiheit') return null;
  return `${base.origin}${path}`;
}

function formatGermanDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  const months = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];
  return `${day}. ${months[month - 1]} ${year}`;
}

export function accessibilityStatement(input: AccessibilityStatementInput): AccessibilityStatementView {
  const reportedPage = reportedPageFrom(input.referer, input.baseUrl);
  const subject = `Barriere melden: ${input.siteName}`;
  const body = [
    `Seite: ${reportedPage ?? '(bitte Adresse der Seite angeben)'}`,
    '',
    'Was funktioniert nicht oder ist schwer zu nutzen?',
    '',
    'Welche Hilfsmittel nutzen Sie (z. B. Screenreader, Vergrößerung, nur Tastatur)?',
    '',
  ].join('\r\n');
  return {
    pageTitle: 'Erklärung zur Barrierefreiheit',
    siteName: input.siteName,
    siteUrl: input.baseUrl,
    statementDate: formatGermanDate(STATEMENT_DATE),
    contactEmail: input.contactEmail,
    contactHref: `mailto:${input.contactEmail}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`,
    reportedPage,
  };
}
