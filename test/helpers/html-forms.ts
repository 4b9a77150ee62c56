/** What a test needs to know about a form in a rendered page: where it goes and what a browser would send. */
export interface ParsedForm {
  method: 'GET' | 'POST';
  /** The path (with query, if any) the form is sent to; the page's own URL when it has no action. */
  action: string;
  multipart: boolean;
  fields: ParsedField[];
}

export type FieldKind = 'hidden' | 'text' | 'textarea' | 'select' | 'checkbox' | 'radio' | 'button' | 'file' | 'date' | 'time' | 'datetime-local' | 'number' | 'email' | 'tel' | 'url' | 'password' | 'search';

export interface ParsedField {
  name: string;
  kind: FieldKind;
  /** The value the page puts in the field (selected option, checked box's value, textarea text); '' if none. */
  value: string;
  /** Selects, radios and named buttons: every value offered. */
  options: string[];
  /** Checkbox or radio as rendered: checked? */
  checked: boolean;
}

/** Undoes the HTML escaping Handlebars applies (and numeric character references). */
export function decodeHtml(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&amp;/g, '&');
}

function attributes(tag: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of tag.matchAll(/([A-Za-z_:][-\w:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    attrs[m[1].toLowerCase()] = decodeHtml(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

const INPUT_KINDS = new Set<string>(['hidden', 'text', 'checkbox', 'radio', 'file', 'date', 'time', 'datetime-local', 'number', 'email', 'tel', 'url', 'password', 'search']);

/** Every form of a page with its fields, in document order. */
export function parseForms(html: string, pageUrl: string): ParsedForm[] {
  const forms: ParsedForm[] = [];
  for (const fm of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attrs = attributes(fm[1]);
    const inner = fm[2];
    const byName = new Map<string, ParsedField>();
    const add = (field: ParsedField): void => {
      const existing = byName.get(field.name);
      if (!existing) {
        byName.set(field.name, field);
        return;
      }
      // radios and same-named buttons: one field with all values
      for (const o of field.options) {
        if (!existing.options.includes(o)) existing.options.push(o);
      }
      if (field.checked) {
        existing.value = field.value;
        existing.checked = true;
      }
    };
    for (const m of inner.matchAll(/<(input|button)\b([^>]*)>/gi)) {
      const a = attributes(m[2]);
      if (!a.name) continue;
      if (m[1].toLowerCase() === 'button') {
        add({ name: a.name, kind: 'button', value: a.value ?? '', options: [a.value ?? ''], checked: false });
        continue;
      }
      const type = (a.type ?? 'text').toLowerCase();
      const kind = (INPUT_KINDS.has(type) ? type : 'text') as FieldKind;
      const checked = 'checked' in a;
      const value = a.value ?? (kind === 'checkbox' || kind === 'radio' ? 'on' : '');
      add({ name: a.name, kind, value: kind === 'radio' && !checked ? '' : value, options: kind === 'radio' ? [value] : [], checked });
    }
    for (const m of inner.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
      const a = attributes(m[1]);
      if (!a.name) continue;
      const options: string[] = [];
      let selected: string | null = null;
      for (const o of m[2].matchAll(/<option\b([^>]*)>([\s\S]*?)<\/option>/gi)) {
        const oa = attributes(o[1]);
        const value = oa.value ?? decodeHtml(o[2].trim());
        options.push(value);
        if ('selected' in oa) selected = value;
      }
      add({ name: a.name, kind: 'select', value: selected ?? options[0] ?? '', options, checked: false });
    }
    for (const m of inner.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi)) {
      const a = attributes(m[1]);
      if (!a.name) continue;
      // the HTML parser drops one newline right after <textarea>
      add({ name: a.name, kind: 'textarea', value: decodeHtml(m[2].replace(/^\r?\n/, '')), options: [], checked: false });
    }
    const rawAction = attrs.action ?? '';
    forms.push({
      method: (attrs.method ?? 'get').toUpperCase() === 'POST' ? 'POST' : 'GET',
      action: rawAction === '' ? pageUrl : rawAction,
      multipart: (attrs.enctype ?? '').toLowerCase() === 'multipart/form-data',
      fields: [...byName.values()],
    });
  }
  return forms;
}

/** What a browser sends for the form unchanged: checked boxes only, no buttons or files. */
export function submittedValues(form: ParsedForm): Record<string, string> {
  const values: Record<string, string> = {};
  for (const f of form.fields) {
    if (f.kind === 'button' || f.kind === 'file') continue;
    if ((f.kind === 'checkbox' || f.kind === 'radio') && !f.checked) continue;
    values[f.name] = f.value;
  }
  return values;
}

/** The first POST form of a page sent to `action`; throws with the page's forms when there is none. */
export function formFor(html: string, pageUrl: string, action: string): ParsedForm {
  const forms = parseForms(html, pageUrl);
  const form = forms.find((f) => f.method === 'POST' && f.action === action);
  if (!form) throw new Error(`No POST form to ${action} on ${pageUrl}; forms: ${forms.map((f) => `${f.method} ${f.action}`).join(', ')}`);
  return form;
}
