import { readTopicIds, topicChoicesView, UNKNOWN_TOPIC } from './topic-choices.js';
import { normaliseTopicName, topicNameKey } from './topic-name.js';

describe('topic names', () => {
  it('are the same regardless of case, accents, umlaut spelling and spacing', () => {
    expect(topicNameKey(' SPRACHKURS ')).toBe(topicNameKey('Sprachkurs'));
    expect(topicNameKey('Frühe Hilfen')).toBe(topicNameKey('Fruehe  Hilfen'));
    expect(topicNameKey('Asylberatung')).not.toBe(topicNameKey('Migrationsberatung'));
    expect(normaliseTopicName('  Kultur   und Begegnung ')).toBe('Kultur und Begegnung');
  });
});

describe('readTopicIds', () => {
  it('leaves the topics alone when the form had no topic checkboxes', () => {
    expect(readTopicIds({ familyName: 'X' })).toEqual({ ids: undefined, raw: [], error: null });
    expect(readTopicIds(null).ids).toBeUndefined();
  });

  it('reads none, one or many ticked boxes, each id once', () => {
    expect(readTopicIds({ topicsShown: '1' }).ids).toEqual([]);
    expect(readTopicIds({ topicsShown: '1', topicIds: '4' }).ids).toEqual([4]);
    expect(readTopicIds({ topicsShown: '1', topicIds: ['4', '9', '4'] }).ids).toEqual([4, 9]);
  });

  it('refuses values that are no ids with the German message, keeping what was sent', () => {
    const read = readTopicIds({ topicsShown: '1', topicIds: ['4', '0', 'abc'] });
    expect(read.error).toBe(UNKNOWN_TOPIC);
    expect(read.ids).toBeUndefined();
    expect(read.raw).toEqual(['4', '0', 'abc']);
    expect(readTopicIds({ topicsShown: '1', topicIds: { nested: '1' } }).ids).toEqual([]);
  });
});

describe('topicChoicesView', () => {
  it('ticks the given ids, as numbers or as sent', () => {
    const view = topicChoicesView([{ id: 1, name: 'Kita' }, { id: 2, name: 'Wohnen' }], ['2'], 'p');
    expect(view.options).toEqual([
      { id: 'p-1', value: '1', label: 'Kita', checked: false },
      { id: 'p-2', value: '2', label: 'Wohnen', checked: true },
    ]);
    expect(topicChoicesView([{ id: 1, name: 'Kita' }], [1], 'p').options[0].checked).toBe(true);
  });
});
