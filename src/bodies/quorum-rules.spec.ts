import { parseQuorumRule, quorumRuleOf, quorumRuleText, votesNeeded } from './quorum.js';

describe('parseQuorumRule (officers setting a body quorum rule)', () => {
  it('accepts each kind within its bounds', () => {
    expect(parseQuorumRule('more_than_half', '77', 5)).toEqual({ ok: true, rule: { kind: 'more_than_half', value: null } });
    expect(parseQuorumRule('percent', '1', 5)).toEqual({ ok: true, rule: { kind: 'percent', value: 1 } });
    expect(parseQuorumRule('percent', ' 100 ', 5)).toEqual({ ok: true, rule: { kind: 'percent', value: 100 } });
    expect(parseQuorumRule('count', '5', 5)).toEqual({ ok: true, rule: { kind: 'count', value: 5 } });
  });

  it.each([
    ['percent', '0', 'Der Prozentsatz muss zwischen 1 und 100 liegen.'],
    ['percent', '120', 'Der Prozentsatz muss zwischen 1 und 100 liegen.'],
    ['percent', '-5', 'Bitte eine ganze Zahl ohne Komma und Einheit angeben, z. B. 60.'],
    ['percent', '1e2', 'Bitte eine ganze Zahl ohne Komma und Einheit angeben, z. B. 60.'],
    ['count', '0', 'Die Anzahl muss mindestens 1 sein.'],
    ['count', '6', 'Die Anzahl darf nicht größer sein als die Zahl der stimmberechtigten Mitglieder (derzeit 5).'],
    ['count', '', 'Bitte die Anzahl der Mitglieder angeben.'],
  ])('refuses %s %j with a German message', (kind, value, message) => {
    expect(parseQuorumRule(kind, value, 5)).toEqual({ ok: false, errors: { value: message } });
  });

  it('refuses unknown kinds', () => {
    expect(parseQuorumRule('two_thirds', '', 5)).toEqual({ ok: false, errors: { kind: 'Bitte eine der angebotenen Regeln wählen.' } });
  });
});

describe('stored rules', () => {
  it('fall back to more than half and read as German text', () => {
    expect(quorumRuleOf(null)).toEqual({ kind: 'more_than_half', value: null });
    expect(quorumRuleText(quorumRuleOf({ kind: 'count', value: 1 }))).toBe('mindestens 1 stimmberechtigtes Mitglied');
    expect(quorumRuleText({ kind: 'count', value: 4 })).toBe('mindestens 4 stimmberechtigte Mitglieder');
    expect(votesNeeded({ kind: 'percent', value: 60 }, 7)).toBe(5);
  });
});
