/** Agenda numbering and ordering rules, independent of storage. */

export interface AgendaEntry {
  id: number;
  /** 0 = main item (TOP 1), 1 = sub-item (TOP 1.1). */
  level: number;
  plannedMinutes: number | null;
}

/**
 * Numbers in order: main items 1, 2, 3 …; sub-items 1.1, 1.2 below the preceding main item.
 * A sub-item without a main item before it is numbered as a main item.
 */
export function agendaNumbers(items: readonly Pick<AgendaEntry, 'level'>[]): string[] {
  let main = 0;
  let sub = 0;
  return items.map((item) => {
    if (item.level >= 1 && main > 0) {
      sub++;
      return `${main}.${sub}`;
    }
    main++;
    sub = 0;
    return String(main);
  });
}

/** The effective level of each item (a leading sub-item counts as a main item). */
export function effectiveLevels(items: readonly Pick<AgendaEntry, 'level'>[]): number[] {
  return agendaNumbers(items).map((n) => (n.includes('.') ? 1 : 0));
}

/** Index ranges [from, to) of each main item together with its sub-items. */
function blocks(levels: number[]): [number, number][] {
  const result: [number, number][] = [];
  levels.forEach((level, i) => {
    if (level === 0) result.push([i, i + 1]);
    else result[result.length - 1][1] = i + 1;
  });
  return result;
}

export type MoveDirection = 'up' | 'down';

/**
 * The new order of ids after moving one item. A main item moves with its sub-items past the
 * neighbouring main item's block; a sub-item swaps with its neighbour below the same main item.
 * Returns null when the item cannot move that way (first/last, unknown id).
 */
export function moveAgendaItem(items: readonly AgendaEntry[], id: number, direction: MoveDirection): number[] | null {
  const index = items.findIndex((i) => i.id === id);
  if (index < 0) return null;
  const levels = effectiveLevels(items);
  const ids = items.map((i) => i.id);
  if (levels[index] === 0) {
    const all = blocks(levels);
    const b = all.findIndex(([from]) => from === index);
    const other = direction === 'up' ? b - 1 : b + 1;
    if (other < 0 || other >= all.length) return null;
    const [first, second] = direction === 'up' ? [all[other], all[b]] : [all[b], all[other]];
    return [...ids.slice(0, first[0]), ...ids.slice(second[0], second[1]), ...ids.slice(first[0], first[1]), ...ids.slice(second[1])];
  }
  const neighbour = direction === 'up' ? index - 1 : index + 1;
  if (neighbour < 0 || neighbour >= items.length || levels[neighbour] !== 1) return null;
  const result = [...ids];
  [result[index], result[neighbour]] = [result[neighbour], result[index]];
  return result;
}

/** Which moves are possible for each item (for showing only useful up/down buttons). */
export function possibleMoves(items: readonly AgendaEntry[]): { up: boolean; down: boolean }[] {
  return items.map((i) => ({ up: moveAgendaItem(items, i.id, 'up') !== null, down: moveAgendaItem(items, i.id, 'down') !== null }));
}

/** Total planned minutes. Sub-items count only when their main item has no planned time of its own. */
export function plannedMinutesTotal(items: readonly AgendaEntry[]): number {
  const levels = effectiveLevels(items);
  let total = 0;
  let mainHasTime = false;
  items.forEach((item, i) => {
    const minutes = item.plannedMinutes ?? 0;
    if (levels[i] === 0) {
      mainHasTime = item.plannedMinutes !== null && item.plannedMinutes > 0;
      total += minutes;
    } else if (!mainHasTime) {
      total += minutes;
    }
  });
  return total;
}

/** A German warning when the agenda is planned longer than the meeting, else null. */
export function agendaLengthWarning(items: readonly AgendaEntry[], meetingMinutes: number): string | null {
  const planned = plannedMinutesTotal(items);
  if (planned <= meetingMinutes) return null;
  return `Die Tagesordnung ist mit ${planned} Minuten geplant, die Sitzung dauert aber nur ${meetingMinutes} Minuten.`;
}

/** One agenda line as mails and calendar entries print it: "TOP 1 Begrüßung (Dr. Petrova)", sub-items indented. */
export function agendaLine(item: { number: string; title: string; presenter: string | null }): string {
  return `${item.number.includes('.') ? '   ' : ''}TOP ${item.number} ${item.title}${item.presenter ? ` (${item.presenter})` : ''}`;
}
