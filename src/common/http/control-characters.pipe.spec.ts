import { ControlCharactersPipe, stripControlCharacters, withoutControlCharacters } from './control-characters.pipe.js';

describe('control characters in input', () => {
  it('removes C0 controls and DEL but keeps tab, line breaks and every script', () => {
    expect(withoutControlCharacters('a\u0000b\u0001c\u001b[31md\u007fe')).toBe('abc[31mde');
    expect(withoutControlCharacters('Zeile 1\r\nZeile 2\tTab')).toBe('Zeile 1\r\nZeile 2\tTab');
    expect(withoutControlCharacters('Олена Nguyễn محمد 👩‍👩‍👧 \u202Eevil\u2028')).toBe('Олена Nguyễn محمد 👩‍👩‍👧 \u202Eevil\u2028');
  });

  it('cleans strings in arrays and nested objects without touching prototypes', () => {
    const body = JSON.parse('{"a":"x\\u0000","b":["y\\u0007",1,null],"c":{"d":"z\\u001f"},"__proto__":"p\\u0000"}') as Record<string, unknown>;
    stripControlCharacters(body);
    expect(body).toEqual({ a: 'x', b: ['y', 1, null], c: { d: 'z' }, ['__proto__']: 'p' });
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
  });

  it('applies to bodies and queries, not to route parameters', () => {
    const pipe = new ControlCharactersPipe();
    expect(pipe.transform({ q: 'a\u0000' }, { type: 'body' })).toEqual({ q: 'a' });
    expect(pipe.transform('a\u0000', { type: 'query', data: 'q' })).toBe('a');
    expect(pipe.transform('a\u0000', { type: 'param', data: 'id' })).toBe('a\u0000');
  });
});
