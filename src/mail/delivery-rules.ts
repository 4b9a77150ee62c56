/** Pure rules of the sending worker: retry delays and how a send error is classified and described. */

/** Never wait longer than this between two attempts. */
export const MAX_RETRY_DELAY_SECONDS = 6 * 3600;

/** Exponential backoff: base, 2×base, 4×base … after the 1st, 2nd, 3rd failed attempt, capped at 6 hours. */
export function retryDelaySeconds(failedAttempts: number, baseSeconds: number): number {
  const n = Math.max(1, failedAttempts);
  return Math.min(baseSeconds * 2 ** Math.min(n - 1, 30), MAX_RETRY_DELAY_SECONDS);
}

export interface SendFailure {
  /** true: trying again cannot help (the server refused the message or address for good). */
  permanent: boolean;
  /** German, for the chair and the administrator; the server's words kept as they are. */
  reason: string;
}

interface ErrorLike {
  message?: unknown;
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
  command?: unknown;
}

const MAX_REASON = 900;

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_REASON ? `${oneLine.slice(0, MAX_REASON - 1)}…` : oneLine;
}

/**
 * Classifies an error thrown by the transport. SMTP 5xx answers are permanent (RFC 5321), 4xx and
 * network problems are temporary. The reason never contains credentials: nodemailer's messages do
 * not carry them, and only message, code and the server's response are read.
 */
export function describeSendError(error: unknown): SendFailure {
  const e: ErrorLike = typeof error === 'object' && error !== null ? error : { message: String(error) };
  const code = typeof e.code === 'string' ? e.code : '';
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : null;
  const serverSaid = typeof e.response === 'string' && e.response.trim() !== '' ? e.response : null;
  const message = typeof e.message === 'string' ? e.message : 'unbekannter Fehler';
  // Refusals while setting the session up (login, STARTTLS, connection) are the configuration's or the
  // network's fault, not the message's: keep the mail until that is fixed, even when the server said 5xx.
  if (code === 'EAUTH' || code === 'ENOAUTH') {
    return { permanent: false, reason: clip(`Die Anmeldung am Mailserver ist fehlgeschlagen (SMTP_USER/SMTP_PASSWORD prüfen)${serverSaid ? `: ${serverSaid}` : '.'}`) };
  }
  if (code === 'ETLS') {
    return { permanent: false, reason: clip(`Die verschlüsselte Verbindung zum Mailserver ist fehlgeschlagen (${serverSaid ?? message}); SMTP_REQUIRE_TLS, SMTP_SECURE und SMTP_PORT prüfen.`) };
  }
  if (code === 'ECONNECTION' && !/certificate|self[- ]signed|altnames|CERT_/i.test(message)) {
    return { permanent: false, reason: clip(`Die Verbindung zum Mailserver ist fehlgeschlagen (${serverSaid ?? message}).`) };
  }
  if (responseCode !== null) {
    const permanent = responseCode >= 500 && responseCode < 600;
    const prefix = permanent ? 'Der Mailserver hat die Nachricht abgelehnt' : 'Der Mailserver hat die Nachricht vorübergehend abgewiesen';
    return { permanent, reason: clip(`${prefix}: ${serverSaid ?? `${responseCode} ${message}`}`) };
  }
  switch (code) {
    case 'ECONNREFUSED':
      return { permanent: false, reason: 'Der Mailserver ist nicht erreichbar (Verbindung abgelehnt).' };
    case 'ETIMEDOUT':
    case 'ETIMEOUT':
      return { permanent: false, reason: 'Der Mailserver hat nicht rechtzeitig geantwortet (Zeitüberschreitung).' };
    case 'EDNS':
    case 'ENOTFOUND':
      return { permanent: false, reason: `Der Name des Mailservers ließ sich nicht auflösen (${clip(message)}).` };
    case 'ESOCKET':
    case 'ECONNECTION':
      if (/certificate|self[- ]signed|altnames|CERT_/i.test(message)) {
        return { permanent: false, reason: `Das Zertifikat des Mailservers wurde nicht akzeptiert (${clip(message)}); ggf. SMTP_CA_FILE setzen.` };
      }
      return { permanent: false, reason: `Die Verbindung zum Mailserver ist fehlgeschlagen (${clip(message)}).` };
    case 'EABORT':
      return { permanent: false, reason: 'Der Versand dauerte zu lange und wurde abgebrochen.' };
    case 'EENVELOPE':
      return { permanent: true, reason: `Die Empfängeradresse ist ungültig (${clip(message)}).` };
    default:
      return { permanent: false, reason: clip(`Versand fehlgeschlagen: ${message}`) };
  }
}
