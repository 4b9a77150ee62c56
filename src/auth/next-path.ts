/** Paths a login never returns to. */
const NEVER_RETURN_TO = ['/anmelden', '/abmelden'];

function hasControlCharacter(text: string): boolean {
  return [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
}

/**
 * The page to return to after login: only a same-site relative path ("/gremien/3?x=1"),
 * never another host ("//evil.example", "https://…", "/\\evil"), never the login itself;
 * anything else gives "/". No open redirect (ASVS 5.1.5).
 */
export function safeNextPath(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2000) return '/';
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\') || hasControlCharacter(raw)) return '/';
  let url: URL;
  try {
    url = new URL(raw, 'http://netzwerk.invalid');
  } catch {
    return '/';
  }
  if (url.origin !== 'http://netzwerk.invalid') return '/';
  if (NEVER_RETURN_TO.some((p) => url.pathname === p || url.pathname.startsWith(`${p}/`))) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

/** "/anmelden?next=%2Fgremien%2F3" — the login page that returns to `path`. */
export function loginPathFor(path: string): string {
  const next = safeNextPath(path);
  return next === '/' ? '/anmelden' : `/anmelden?next=${encodeURIComponent(next)}`;
}

/** Where a member lands after login when no other page was asked for: Meine Seite. */
export const MEMBER_LANDING_PATH = '/meine-seite';

/**
 * The page after a successful login: the page asked for (`next`, already made safe), or Meine Seite
 * when that is only the start page (no page asked for).
 */
export function afterLoginPath(next: string): string {
  return next === '/' ? MEMBER_LANDING_PATH : next;
}
