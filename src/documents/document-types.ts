import { fileTypeFromBuffer } from 'file-type';

/** A file type the app accepts: what it is served as, and how it is named on the page. */
export interface AcceptedType {
  mimeType: string;
  /** Short German name for lists ("PDF", "Word" …). */
  label: string;
  /** PDFs and images open in the browser; everything else is downloaded. */
  inline: boolean;
}

export type TypeVerdict = { ok: true; type: AcceptedType } | { ok: false; message: string };

const ACCEPTED: Record<string, AcceptedType> = {
  pdf: { mimeType: 'application/pdf', label: 'PDF', inline: true },
  docx: { mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word', inline: false },
  xlsx: { mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel', inline: false },
  pptx: { mimeType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', label: 'PowerPoint', inline: false },
  doc: { mimeType: 'application/msword', label: 'Word', inline: false },
  xls: { mimeType: 'application/vnd.ms-excel', label: 'Excel', inline: false },
  ppt: { mimeType: 'application/vnd.ms-powerpoint', label: 'PowerPoint', inline: false },
  odt: { mimeType: 'application/vnd.oasis.opendocument.text', label: 'OpenDocument-Text', inline: false },
  ods: { mimeType: 'application/vnd.oasis.opendocument.spreadsheet', label: 'OpenDocument-Tabelle', inline: false },
  odp: { mimeType: 'application/vnd.oasis.opendocument.presentation', label: 'OpenDocument-Präsentation', inline: false },
  png: { mimeType: 'image/png', label: 'Bild (PNG)', inline: true },
  jpg: { mimeType: 'image/jpeg', label: 'Bild (JPEG)', inline: true },
  gif: { mimeType: 'image/gif', label: 'Bild (GIF)', inline: true },
  webp: { mimeType: 'image/webp', label: 'Bild (WebP)', inline: true },
  txt: { mimeType: 'text/plain; charset=utf-8', label: 'Text', inline: false },
  csv: { mimeType: 'text/csv; charset=utf-8', label: 'CSV-Tabelle', inline: false },
  md: { mimeType: 'text/markdown; charset=utf-8', label: 'Text (Markdown)', inline: false },
};

/** What the upload form says is allowed. */
export const ALLOWED_TYPES_TEXT = 'PDF, Word, Excel, PowerPoint, OpenDocument (Text, Tabelle, Präsentation), Bilder (PNG, JPEG, GIF, WebP) sowie Text- und CSV-Dateien';

/** The `accept` attribute of the file input (a hint for the browser's picker; the server judges the content). */
export const ACCEPT_ATTRIBUTE = '.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.png,.jpg,.jpeg,.gif,.webp,.txt,.csv,.md';

/** Programs and installers (file-type's names): refused whatever the file is called. */
const EXECUTABLES = new Set(['exe', 'elf', 'macho', 'dmg', 'deb', 'rpm', 'apk', 'jar', 'class', 'wasm', 'msi', 'cab', 'swf', 'lnk', 'dex', 'pe']);
/** Markup that a browser may run scripts from. */
const MARKUP = new Set(['xml', 'html', 'svg', 'xhtml', 'mht']);
const SCRIPT_NAMES = /\.(?:sh|bash|bat|cmd|ps1|psm1|vbs|vbe|js|mjs|cjs|jse|wsf|wsh|py|pl|rb|php|hta|scr|com|reg|msi|exe|dll|jar|apk|app|run|bin)$/i;
const MARKUP_NAMES = /\.(?:html?|xhtml|svgz?|xml|xsl|mht|mhtml)$/i;
const TEXT_EXTENSIONS: Record<string, 'txt' | 'csv' | 'md'> = { txt: 'txt', text: 'txt', csv: 'csv', md: 'md', markdown: 'md' };
/** Legacy Office files are Compound File containers; the stream that makes them what they are (UTF-16 names in the directory). */
const CFB_STREAMS: Record<string, string> = { doc: 'WordDocument', xls: 'Workbook', ppt: 'PowerPoint Document' };

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot === -1 ? '' : fileName.slice(dot + 1).toLowerCase();
}

function quoted(fileName: string): string {
  return `„${fileName}“`;
}

function unsupported(fileName: string): TypeVerdict {
  return { ok: false, message: `Der Dateityp von ${quoted(fileName)} wird nicht angenommen. Erlaubt sind ${ALLOWED_TYPES_TEXT}.` };
}

function isValidUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Markup or a script hiding in a "text" file (after a BOM and white space). */
function looksActive(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 512).toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
  return head.startsWith('#!') || /^<(?:!doctype|html|svg|\?xml|script|head|body|iframe|object|embed)\b/.test(head);
}

/**
 * Judges an uploaded file by its content (magic bytes), never by the name or the browser's claim:
 * programs, scripts, HTML and SVG are refused with a German message that names the file. Plain text
 * (no magic bytes) is accepted as .txt/.csv/.md when it is valid UTF-8 without NUL bytes.
 */
export async function judgeFileType(fileName: string, bytes: Buffer): Promise<TypeVerdict> {
  if (bytes.length === 0) return { ok: false, message: `Die Datei ${quoted(fileName)} ist leer.` };
  const detected = await fileTypeFromBuffer(bytes);
  const ext = extensionOf(fileName);
  if (detected) {
    if (EXECUTABLES.has(detected.ext)) {
      return { ok: false, message: `${quoted(fileName)} ist ein ausführbares Programm. Programme und Installationsdateien werden aus Sicherheitsgründen nicht angenommen.` };
    }
    if (MARKUP.has(detected.ext)) {
      return { ok: false, message: `${quoted(fileName)} ist eine Web- oder SVG-Datei. Solche Dateien können Skripte enthalten und werden nicht angenommen – bitte als PDF oder Bild (PNG) hochladen.` };
    }
    if (detected.ext === 'cfb') {
      const stream = CFB_STREAMS[ext];
      if (stream && bytes.includes(Buffer.from(stream, 'utf16le'))) return { ok: true, type: ACCEPTED[ext] };
      return unsupported(fileName);
    }
    const accepted = ACCEPTED[detected.ext];
    return accepted ? { ok: true, type: accepted } : unsupported(fileName);
  }
  if (SCRIPT_NAMES.test(fileName)) return { ok: false, message: `${quoted(fileName)} ist ein Skript oder Programm. Solche Dateien werden aus Sicherheitsgründen nicht angenommen.` };
  if (MARKUP_NAMES.test(fileName)) return { ok: false, message: `${quoted(fileName)} ist eine Web- oder SVG-Datei. Solche Dateien können Skripte enthalten und werden nicht angenommen – bitte als PDF oder Bild (PNG) hochladen.` };
  const textKind = TEXT_EXTENSIONS[ext];
  if (!textKind || bytes.includes(0) || !isValidUtf8(bytes)) return unsupported(fileName);
  if (looksActive(bytes)) {
    return { ok: false, message: `${quoted(fileName)} enthält HTML, SVG oder ein Skript. Solche Dateien werden aus Sicherheitsgründen nicht angenommen.` };
  }
  return { ok: true, type: ACCEPTED[textKind] };
}

/** The short type name of a stored MIME type (for lists). */
export function typeLabel(mimeType: string): string {
  return Object.values(ACCEPTED).find((t) => t.mimeType === mimeType)?.label ?? 'Datei';
}

/** Whether a stored MIME type is shown in the browser (PDF, images) rather than downloaded. */
export function isInlineType(mimeType: string): boolean {
  return Object.values(ACCEPTED).some((t) => t.mimeType === mimeType && t.inline);
}
