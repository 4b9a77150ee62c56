/** Path segments that follow these words are secrets (feed tokens, set-password and RSVP links). */
const SECRET_AFTER = new Set(['kalender', 'passwort-setzen', 'antwort', 'rsvp', 'token']);
/** Anything that looks like a random token: long runs of base64url/hex characters. */
const TOKEN_LIKE = /^[A-Za-z0-9_-]{20,}(\.[a-z]+)?$/;

/**
 * A request path safe for logs: no query string (search terms are personal data), and secret
 * path segments replaced by ":geheim". "/kalender/abc…xyz.ics" → "/kalender/:geheim".
 */
export function redactPath(url: string): string {
  const path = url.split('?')[0].split('#')[0];
  const parts = path.split('/');
  return parts
    .map((seg, i) => {
      if (i > 0 && SECRET_AFTER.has(parts[i - 1]) && seg.length > 0 && !/^\d+$/.test(seg) && seg !== 'oeffentlich.ics') return ':geheim';
      return TOKEN_LIKE.test(seg) && !/^\d+$/.test(seg) ? ':geheim' : seg;
    })
    .join('/');
}
