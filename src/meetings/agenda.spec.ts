import { type AgendaEntry, agendaLengthWarning, agendaLine, agendaNumbers, moveAgendaItem, plannedMinutesTotal, possibleMoves } from './agenda.js';

const items = (spec: [number, number, number | null][]): AgendaEntry[] => spec.map(([id, level, plannedMinutes]) => ({ id, level, plannedMinutes }));

describe('agendaNumbers', () => {
  it('numbers main and sub-items', () => {
    expect(agendaNumbers([{ level: 0 }, { level: 1 }, { level: 1 }, { level: 0 }, { level: 0 }, { level: 1 }])).toEqual(['1', '1.1', '1.2', '2', '3', '3.1']);
  });
  it('treats a leading sub-item as a main item', () => {
    expect(agendaNumbers([{ level: 1 }, { level: 1 }])).toEqual(['1', '1.1']);
    expect(agendaNumbers([])).toEqual([]);
  });
});

describe('moveAgendaItem', () => {
  const agenda = items([
    [1, 0, 10],
    [2, 1, null],
    [3, 1, null],
    [4, 0, 20],
    [5, 0, 5],
  ]);

  it('moves a main item with its sub-items', () => {
    expect(moveAgendaItem(agenda, 4, 'up')).toEqual([4, 1, 2, 3, 5]);
    expect(moveAgendaItem(agenda, 1, 'down')).toEqual([4, 1, 2, 3, 5]);
    expect(moveAgendaItem(agenda, 5, 'up')).toEqual([1, 2, 3, 5, 4]);
  });

  it('moves a sub-item only below its main item', () => {
    expect(moveAgendaItem(agenda, 3, 'up')).toEqual([1, 3, 2, 4, 5]);
    expect(moveAgendaItem(agenda, 2, 'up')).toBeNull();
    expect(moveAgendaItem(agenda, 3, 'down')).toBeNull();
  });

  it('refuses to move beyond the ends or unknown items', () => {
    expect(moveAgendaItem(agenda, 1, 'up')).toBeNull();
    expect(moveAgendaItem(agenda, 5, 'down')).toBeNull();
    expect(moveAgendaItem(agenda, 99, 'up')).toBeNull();
  });

  it('reports possible moves per item', () => {
    expect(possibleMoves(agenda)).toEqual([
      { up: false, down: true },
      { up: false, down: true },
      { up: true, down: false },
      { up: true, down: true },
      { up: true, down: false },
    ]);
  });
});

describe('planned time', () => {
  it('adds main items and counts sub-items only when their main item has no time', () => {
    expect(plannedMinutesTotal(items([[1, 0, 30], [2, 1, 20], [3, 0, null], [4, 1, 15], [5, 1, 10]]))).toBe(55);
  });
  it('warns when the agenda is longer than the meeting', () => {
    expect(agendaLengthWarning(items([[1, 0, 60], [2, 0, 75]]), 120)).toBe('Die Tagesordnung ist mit 135 Minuten geplant, die Sitzung dauert aber nur 120 Minuten.');
    expect(agendaLengthWarning(items([[1, 0, 60], [2, 0, 60]]), 120)).toBeNull();
  });
});

describe('agendaLine', () => {
  it('prints one line as mails and calendar entries show it, sub-items indented', () => {
    expect(agendaLine({ number: '1', title: 'Begrüßung', presenter: 'Dr. Ольга Петрова' })).toBe('TOP 1 Begrüßung (Dr. Ольга Петрова)');
    expect(agendaLine({ number: '2.1', title: 'Sprachmittlung – الترجمة', presenter: null })).toBe('   TOP 2.1 Sprachmittlung – الترجمة');
  });
});
