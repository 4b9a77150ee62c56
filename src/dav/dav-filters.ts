import { NS, type XmlElement, child, childrenNamed } from './dav-xml.js';

/** The filter of a REPORT cannot be evaluated (answered 403 with the given precondition). */
export class FilterRejected extends Error {
  constructor(readonly condition: string) {
    super(condition);
  }
}

/** Unfolded content lines of a vCard or iCalendar text. */
function unfold(text: string): string[] {
  return text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/).filter((l) => l !== '');
}

/** The values of a vCard property (by name, groups ignored), unescaped. */
export function vcardValues(text: string, property: string): string[] {
  const wanted = property.toUpperCase();
  const out: string[] = [];
  for (const line of unfold(text)) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const head = line.slice(0, colon);
    const name = head.split(';')[0].replace(/^[^.]*\./, '').toUpperCase();
    if (name !== wanted) continue;
    out.push(line.slice(colon + 1).replace(/\\([,;\\nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c)));
  }
  return out;
}

function fold(text: string, collation: string): string {
  return collation === 'i;octet' ? text : text.toLocaleLowerCase('de');
}

/** RFC 6352 §10.5.4 text-match: collation, match-type, negate-condition. */
function textMatches(match: XmlElement, values: string[]): boolean {
  const collation = match.attrs.collation ?? 'i;unicode-casemap';
  if (!['i;unicode-casemap', 'i;ascii-casemap', 'i;octet'].includes(collation)) throw new FilterRejected('<card:supported-collation/>');
  const type = match.attrs['match-type'] ?? 'contains';
  const needle = fold(match.text, collation);
  const test = (value: string): boolean => {
    const v = fold(value, collation);
    switch (type) {
      case 'equals':
        return v === needle;
      case 'starts-with':
        return v.startsWith(needle);
      case 'ends-with':
        return v.endsWith(needle);
      case 'contains':
        return v.includes(needle);
      default:
        throw new FilterRejected('<card:supported-filter/>');
    }
  };
  const hit = values.some(test);
  return match.attrs['negate-condition'] === 'yes' ? !hit : hit;
}

/** RFC 6352 §10.5.1 prop-filter against one card. */
function propFilterMatches(filter: XmlElement, card: string): boolean {
  const name = filter.attrs.name;
  if (!name) throw new FilterRejected('<card:supported-filter/>');
  const values = vcardValues(card, name);
  if (child(filter, NS.carddav, 'is-not-defined')) return values.length === 0;
  const tests = childrenNamed(filter, NS.carddav, 'text-match');
  // param-filters are not evaluated: the answer may hold more cards than asked for, never fewer
  if (tests.length === 0) return values.length > 0;
  const results = tests.map((t) => textMatches(t, values));
  return filter.attrs.test === 'allof' ? results.every(Boolean) : results.some(Boolean);
}

/** Whether a card passes an addressbook-query `<card:filter>` (absent: every card). */
export function cardMatches(filter: XmlElement | undefined, card: string): boolean {
  if (!filter) return true;
  const props = childrenNamed(filter, NS.carddav, 'prop-filter');
  if (props.length === 0) return true;
  const results = props.map((p) => propFilterMatches(p, card));
  return filter.attrs.test === 'allof' ? results.every(Boolean) : results.some(Boolean);
}

/** A UTC date-time as in time-range (YYYYMMDDTHHMMSSZ). */
function utcDate(value: string | undefined): Date | null {
  if (value === undefined) return null;
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) throw new FilterRejected('<cal:valid-filter/>');
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
  if (Number.isNaN(date.getTime())) throw new FilterRejected('<cal:valid-filter/>');
  return date;
}

/** An event as calendar-query sees it. */
export interface EventSpan {
  startsAt?: Date;
  endsAt?: Date;
}

/**
 * Whether an event passes a calendar-query `<cal:filter>` (RFC 4791 §9.7): the VCALENDAR comp-filter
 * with a VEVENT comp-filter and an optional time-range. Other components never match (there are only
 * events); prop-filters below VEVENT are not evaluated (more, never fewer, events come back).
 */
export function eventMatches(filter: XmlElement | undefined, event: EventSpan): boolean {
  if (!filter) return true;
  const calendar = child(filter, NS.caldav, 'comp-filter');
  if (!calendar || calendar.attrs.name?.toUpperCase() !== 'VCALENDAR') throw new FilterRejected('<cal:valid-filter/>');
  if (child(calendar, NS.caldav, 'is-not-defined')) return false;
  return childrenNamed(calendar, NS.caldav, 'comp-filter').every((comp) => {
    if (comp.attrs.name?.toUpperCase() !== 'VEVENT') return child(comp, NS.caldav, 'is-not-defined') !== undefined;
    if (child(comp, NS.caldav, 'is-not-defined')) return false;
    const range = child(comp, NS.caldav, 'time-range');
    if (!range) return true;
    const start = utcDate(range.attrs.start);
    const end = utcDate(range.attrs.end);
    if (!start && !end) throw new FilterRejected('<cal:valid-filter/>');
    return (!end || !event.startsAt || event.startsAt < end) && (!start || !event.endsAt || event.endsAt > start);
  });
}
