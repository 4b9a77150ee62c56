import { type ProfileBlock, profileBlocks } from './profile-text.js';

function shape(blocks: ProfileBlock[]): unknown[] {
  return blocks.map((b) => {
    if (b.isHeading) return ['h', b.text];
    if (b.isList) return ['ul', ...b.items];
    return ['p', ...b.lines.map((l) => l.text)];
  });
}

describe('profileBlocks', () => {
  it('turns headings, list items and text lines into blocks', () => {
    const text = ['## Wer bin ich?', 'Mein Name ist Dimitri.', '', '## Was sind meine Aufgaben?', '- Erste Aufgabe', '- Zweite Aufgabe', '', 'Schluss.'].join('\n');
    expect(shape(profileBlocks(text))).toEqual([
      ['h', 'Wer bin ich?'],
      ['p', 'Mein Name ist Dimitri.'],
      ['h', 'Was sind meine Aufgaben?'],
      ['ul', 'Erste Aufgabe', 'Zweite Aufgabe'],
      ['p', 'Schluss.'],
    ]);
  });

  it('keeps consecutive list items in one list and consecutive lines in one paragraph', () => {
    const blocks = profileBlocks('Zeile eins\nZeile zwei\n- a\n* b\n• c\nDanach');
    expect(shape(blocks)).toEqual([['p', 'Zeile eins', 'Zeile zwei'], ['ul', 'a', 'b', 'c'], ['p', 'Danach']]);
    const first = blocks[0];
    expect(first.isParagraph && first.lines.map((l) => l.breakBefore)).toEqual([false, true]);
  });

  it('separates lists by blank lines and accepts Windows line ends', () => {
    expect(shape(profileBlocks('- a\r\n\r\n- b\r\n'))).toEqual([['ul', 'a'], ['ul', 'b']]);
  });

  it('leaves HTML as plain text (the template escapes it)', () => {
    const blocks = profileBlocks('## <script>alert(1)</script>\n- <b>fett</b>\n<img src=x onerror=alert(1)>');
    expect(shape(blocks)).toEqual([['h', '<script>alert(1)</script>'], ['ul', '<b>fett</b>'], ['p', '<img src=x onerror=alert(1)>']]);
  });

  it('treats any heading level as a heading and drops empty headings and items', () => {
    expect(shape(profileBlocks('# Eins\n### Drei ###\n##\n- \n#ohne Leerzeichen'))).toEqual([
      ['h', 'Eins'],
      ['h', 'Drei'],
      ['p', '#ohne Leerzeichen'],
    ]);
  });

  it('handles empty input', () => {
    expect(profileBlocks(null)).toEqual([]);
    expect(profileBlocks('')).toEqual([]);
    expect(profileBlocks('\n\n  \n')).toEqual([]);
  });

  it('keeps names in every script', () => {
    expect(shape(profileBlocks('## Мои задачи\n- مساعدة\n- Çalışma\nNguyễn Thị Lan'))).toEqual([
      ['h', 'Мои задачи'],
      ['ul', 'مساعدة', 'Çalışma'],
      ['p', 'Nguyễn Thị Lan'],
    ]);
  });
});
