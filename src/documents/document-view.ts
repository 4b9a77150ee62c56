import contentDisposition from 'content-disposition';

/** "12 Bytes", "340 KB", "1,2 MB", "2 GB" — German number format, binary units. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'Byte' : 'Bytes'}`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = value < 10 && !Number.isInteger(value) ? 1 : 0;
  return `${value.toLocaleString('de-DE', { maximumFractionDigits: digits, minimumFractionDigits: 0 })} ${units[unit]}`;
}

/** The title a file gets when none is typed: its name without the extension. */
export function titleFromFileName(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const base = (dot > 0 ? fileName.slice(0, dot) : fileName).trim();
  return (base || fileName).slice(0, 200);
}

/**
 * A file name as stored: the last path segment only (some browsers send a path), control characters
 * removed, at most 255 characters (keeping the extension). Never used as a path on disk.
 */
export function cleanFileName(raw: string): string {
  const last = raw.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const name = last.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim() || 'datei';
  if (name.length <= 255) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  return name.slice(0, 255 - ext.length) + ext;
}

/** Names made unique within one ZIP: "a.pdf", "a (2).pdf", … (case-insensitive, as on Windows). */
export function uniqueNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    const dot = name.lastIndexOf('.');
    const slash = name.lastIndexOf('/');
    const stem = dot > slash + 1 ? name.slice(0, dot) : name;
    const ext = dot > slash + 1 ? name.slice(dot) : '';
    let candidate = name;
    for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${ext}`;
    used.add(candidate.toLowerCase());
    return candidate;
  });
}

/**
 * The ASCII stand-in of a file name for the plain `filename` parameter (old clients); the real
 * name goes into `filename*` (RFC 5987). Without it a Latin-1 name like "Präsentation.pptx" would be
 * sent as raw Latin-1 bytes only, which Chromium does not read (it falls back to the URL).
 */
export function asciiFileName(name: string): string {
  const ascii = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const dot = ascii.lastIndexOf('.');
  const stem = dot > 0 ? ascii.slice(0, dot) : ascii;
  // a name in another script keeps nothing readable: call it "datei" with its extension
  return /[A-Za-z0-9]/.test(stem) ? ascii : `datei${dot > 0 ? ascii.slice(dot) : ''}`;
}

/** Content-Disposition (RFC 6266) with the real name in every script and an ASCII fallback. */
export function dispositionFor(name: string, type: 'inline' | 'attachment'): string {
  return contentDisposition(name, { type, fallback: asciiFileName(name) });
}
