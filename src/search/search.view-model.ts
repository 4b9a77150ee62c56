import { formatIsoDate } from '../common/dates.js';
import { formatGermanDate, parseGermanDate } from '../common/forms/field-formats.js';
import { SEARCH_KINDS, type SearchKind } from './search-document.entity.js';
import type { FoundDocument } from './search.service.js';
import type { SnippetPart } from './search-snippet.js';

/** One hit's kind as a label (singular) and as a group heading and filter (plural). */
export const KIND_LABELS: Record<SearchKind, { one: string; many: string }> = {
  person: { one: 'Person', many: 'Personen' },
  organisation: { one: 'Organisation', many: 'Organisationen' },
  body: { one: 'Gremium', many: 'Gremien' },
  meeting: { one: 'Sitzung', many: 'Sitzungen' },
  'agenda-item': { one: 'Tagesordnungspunkt', many: 'Tagesordnungspunkte' },
  decision: { one: 'Beschluss', many: 'Beschlüsse' },
  minutes: { one: 'Protokoll', many: 'Protokolle' },
  'action-item': { one: 'Aufgabe', many: 'Aufgaben' },
  document: { one: 'Unterlage', many: 'Unterlagen' },
};

/** The page of the kinds whose documents carry no link of their own. */
const KIND_PATHS: Partial<Record<SearchKind, string>> = { person: '/personen', organisation: '/organisationen', body: '/gremien' };

export function hitHref(h: Pick<FoundDocument, 'kind' | 'refId' | 'path'>): string {
  return h.path ?? `${KIND_PATHS[h.kind] ?? ''}/${h.refId}`;
}

export interface SearchFilterQuery {
  kind: SearchKind | undefined;
  bodyId: number | null;
  from: string | null;
  to: string | null;
  /** As typed, to show again when unusable. */
  fromText: string;
  toText: string;
  errors: Record<string, string>;
}

/**
 * Reads the filters leniently like the other lists: an unknown kind means all kinds; an unknown
 * body, an unreadable date or a range ending before it starts is named in German (422) and left out.
 */
export function parseSearchFilters(
  raw: { kind: string; gremium: string; von: string; bis: string },
  bodyIds: ReadonlySet<number>,
  kinds: readonly SearchKind[],
): SearchFilterQuery {
  const errors: Record<string, string> = {};
  const kind = (kinds as readonly string[]).includes(raw.kind) ? (raw.kind as SearchKind) : undefined;
  let bodyId: number | null = null;
  if (raw.gremium !== '') {
    const id = /^\d{1,9}$/.test(raw.gremium) ? Number(raw.gremium) : NaN;
    if (bodyIds.has(id)) bodyId = id;
    else errors.gremium = 'Dieses Gremium gibt es nicht. Bitte wählen Sie ein Gremium aus der Liste.';
  }
  const date = (text: string, field: 'von' | 'bis'): string | null => {
    if (text === '') return null;
    const iso = parseGermanDate(text);
    if (!iso) errors[field] = `„${text.slice(0, 40)}“ ist kein Datum. Bitte im Format TT.MM.JJJJ eingeben, z. B. 10.03.2026.`;
    return iso;
  };
  let from = date(raw.von, 'von');
  let to = date(raw.bis, 'bis');
  if (from && to && to < from) {
    errors.bis = 'Das Ende des Zeitraums liegt vor seinem Anfang. Bitte ein späteres Datum wählen.';
    to = null;
  }
  if (errors.von) from = null;
  return { kind, bodyId, from, to, fromText: raw.von, toText: raw.bis, errors };
}

const FILTER_FIELDS = ['gremium', 'von', 'bis'] as const;

export function filterErrorList(errors: Record<string, string>): { href: string; message: string }[] {
  return FILTER_FIELDS.filter((f) => errors[f] !== undefined).map((f) => ({ href: `#search-${f}`, message: errors[f] }));
}

export interface HitView {
  href: string;
  title: string;
  subtitle: string | null;
  kindLabel: string;
  /** "Begleitbeirat · 10.03.2026" */
  context: string | null;
  snippet: SnippetPart[] | null;
}

export function hitView(h: FoundDocument, snippet: SnippetPart[] | undefined): HitView {
  const context = [h.bodyTitle, h.day ? formatIsoDate(h.day) : null].filter(Boolean).join(' · ');
  return { href: hitHref(h), title: h.title, subtitle: h.subtitle, kindLabel: KIND_LABELS[h.kind].one, context: context || null, snippet: snippet ?? null };
}

/**
 * The hits grouped by kind for the "Alles" view: the kind with the best hit first, each kind's hits
 * in their order (best first).
 */
export function groupedOrder<T extends { kind: SearchKind }>(hits: readonly T[]): T[] {
  const firstSeen = new Map<SearchKind, number>();
  hits.forEach((h, i) => {
    if (!firstSeen.has(h.kind)) firstSeen.set(h.kind, i);
  });
  return [...hits].sort((a, b) => (firstSeen.get(a.kind) ?? 0) - (firstSeen.get(b.kind) ?? 0));
}

/** Consecutive hits of one kind under one heading (on the "Alles" view). */
export function groupByKind(hits: HitView[], kinds: SearchKind[], counts: Partial<Record<SearchKind, number>>): { heading: string; hits: HitView[] }[] {
  const groups: { heading: string; hits: HitView[] }[] = [];
  hits.forEach((h, i) => {
    const kind = kinds[i];
    const heading = `${KIND_LABELS[kind].many} (${counts[kind] ?? 0})`;
    const last = groups[groups.length - 1];
    if (last && last.heading === heading) last.hits.push(h);
    else groups.push({ heading, hits: [h] });
  });
  return groups;
}

export function dateFieldValue(iso: string | null, typed: string, hasError: boolean): string {
  return iso && !hasError ? formatGermanDate(iso) : typed;
}

export { SEARCH_KINDS };
