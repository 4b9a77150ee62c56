/**
 * A person's profile text ("Was sind meine Aufgaben?") as blocks a template can render without
 * computing anything and without raw HTML: every string is plain text, escaped by the template.
 *
 * Format: a line "## Heading" is a heading (any number of leading "#" — the page decides the level),
 * lines starting with "- " (or "* ", "• ") are the items of one list, other lines form paragraphs;
 * consecutive text lines stay one paragraph with line breaks, a blank line starts a new one.
 */
export type ProfileBlock =
  | { isHeading: true; isList: false; isParagraph: false; text: string }
  | { isHeading: false; isList: true; isParagraph: false; items: string[] }
  | { isHeading: false; isList: false; isParagraph: true; lines: { text: string; breakBefore: boolean }[] };

const HEADING = /^#{1,6}(?:\s+(.*))?$/u;
const ITEM = /^[-*•](?:\s+(.*))?$/u;
const MAX_LENGTH = 20_000;

export function profileBlocks(text: string | null | undefined): ProfileBlock[] {
  if (!text) return [];
  const blocks: ProfileBlock[] = [];
  let list: string[] | null = null;
  let paragraph: string[] | null = null;
  const close = (): void => {
    if (list) blocks.push({ isHeading: false, isList: true, isParagraph: false, items: list });
    if (paragraph) {
      blocks.push({
        isHeading: false,
        isList: false,
        isParagraph: true,
        lines: paragraph.map((t, i) => ({ text: t, breakBefore: i > 0 })),
      });
    }
    list = null;
    paragraph = null;
  };
  for (const raw of text.slice(0, MAX_LENGTH).split(/\r\n|\r|\n/u)) {
    const line = raw.trim();
    if (line.length === 0) {
      close();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      close();
      const title = (heading[1] ?? '').replace(/\s+#+\s*$/u, '').trim();
      if (title.length > 0) blocks.push({ isHeading: true, isList: false, isParagraph: false, text: title });
      continue;
    }
    const item = ITEM.exec(line);
    if (item) {
      if (paragraph) close();
      list ??= [];
      const entry = (item[1] ?? '').trim();
      if (entry.length > 0) list.push(entry);
      continue;
    }
    if (list) close();
    paragraph ??= [];
    paragraph.push(line);
  }
  close();
  return blocks.filter((b) => !b.isList || b.items.length > 0);
}
