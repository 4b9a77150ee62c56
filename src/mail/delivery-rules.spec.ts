import { describeSendError, MAX_RETRY_DELAY_SECONDS, retryDelaySeconds } from './delivery-rules.js';

describe('retryDelaySeconds', () => {
  it('doubles from the base delay', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelaySeconds(n, 60))).toEqual([60, 120, 240, 480, 960]);
  });

  it('is capped at six hours, also for absurd attempt counts', () => {
    expect(retryDelaySeconds(20, 60)).toBe(MAX_RETRY_DELAY_SECONDS);
    expect(retryDelaySeconds(10_000, 60)).toBe(MAX_RETRY_DELAY_SECONDS);
  });

  it('treats zero or negative attempts as the first', () => {
    expect(retryDelaySeconds(0, 30)).toBe(30);
    expect(retryDelaySeconds(-3, 30)).toBe(30);
  });
});

describe('describeSendError', () => {
  it('treats SMTP 5xx as permanent and keeps the server words', () => {
    expect(describeSendError({ message: 'Message failed', code: 'EMESSAGE', responseCode: 550, response: '550 5.1.1 Unbekannter Empfänger' })).toEqual({
      permanent: true,
      reason: 'Der Mailserver hat die Nachricht abgelehnt: 550 5.1.1 Unbekannter Empfänger',
    });
  });

  it('treats SMTP 4xx as temporary', () => {
    const d = describeSendError({ responseCode: 451, response: '451 4.3.0 Bitte später' });
    expect(d.permanent).toBe(false);
    expect(d.reason).toContain('451 4.3.0');
  });

  it.each([
    ['ECONNREFUSED', 'nicht erreichbar'],
    ['ETIMEDOUT', 'Zeitüberschreitung'],
    ['EAUTH', 'Anmeldung'],
    ['EABORT', 'abgebrochen'],
  ])('explains %s in German as temporary', (code, words) => {
    const d = describeSendError({ code, message: 'x' });
    expect(d.permanent).toBe(false);
    expect(d.reason).toContain(words);
  });

  it('keeps a refused login temporary even though the server answers 535', () => {
    const d = describeSendError({ code: 'EAUTH', responseCode: 535, response: '535 5.7.8 Anmeldung abgelehnt', message: 'Invalid login' });
    expect(d).toEqual({ permanent: false, reason: 'Die Anmeldung am Mailserver ist fehlgeschlagen (SMTP_USER/SMTP_PASSWORD prüfen): 535 5.7.8 Anmeldung abgelehnt' });
  });

  it('keeps a refused STARTTLS temporary even though the server answers 5xx', () => {
    const d = describeSendError({ code: 'ETLS', responseCode: 502, response: '502 5.5.2 Unbekannter Befehl', message: 'Error upgrading connection with STARTTLS' });
    expect(d.permanent).toBe(false);
    expect(d.reason).toBe('Die verschlüsselte Verbindung zum Mailserver ist fehlgeschlagen (502 5.5.2 Unbekannter Befehl); SMTP_REQUIRE_TLS, SMTP_SECURE und SMTP_PORT prüfen.');
  });

  it('names a refused certificate and the way out', () => {
    const d = describeSendError({ code: 'ESOCKET', message: 'self-signed certificate' });
    expect(d).toEqual({ permanent: false, reason: 'Das Zertifikat des Mailservers wurde nicht akzeptiert (self-signed certificate); ggf. SMTP_CA_FILE setzen.' });
  });

  it('treats an invalid envelope as permanent', () => {
    expect(describeSendError({ code: 'EENVELOPE', message: 'No recipients defined' }).permanent).toBe(true);
  });

  it('copes with things that are not errors and clips long text to one line', () => {
    expect(describeSendError('kaputt').reason).toBe('Versand fehlgeschlagen: kaputt');
    expect(describeSendError(null).permanent).toBe(false);
    const long = describeSendError({ message: `a\nb ${'x'.repeat(5000)}` }).reason;
    expect(long.length).toBeLessThanOrEqual(900);
    expect(long).not.toContain('\n');
  });
});
