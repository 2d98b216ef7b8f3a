// Chart text broken into lines in each language the extension speaks: at spaces in Latin scripts, between words in
// Japanese and Chinese (which have no spaces), never before a comma or "、" nor after an opening bracket, and
// measured with full-width glyphs counted double.
import * as assert from 'node:assert/strict';
import { breakLine, displayWidth } from '../../../src/chart/spec/lineBreaks';
import { setDisplayLocale } from '../../../src/shared/locale/displayLocale';

describe('chart text broken into lines (chart/spec/lineBreaks)', () => {
  afterEach(() => setDisplayLocale('en'));

  it('counts a full-width glyph as two Latin ones', () => {
    assert.equal(displayWidth('Limit: 100,000'), 14);
    assert.equal(displayWidth('上限: 100,000 クレジット'), 2 * 2 + 10 + 2 * 5);
    assert.equal(displayWidth('（12月）'), 2 + 1 + 1 + 2 + 2);
    assert.equal(displayWidth('𠀋'), 2, 'a character beyond the BMP, one glyph');
  });

  it('breaks Latin text at spaces, keeps a line that fits, and leaves a word wider than the line whole', () => {
    assert.deepEqual(breakLine('a bb ccc dddd', 6), ['a bb', 'ccc', 'dddd']);
    assert.deepEqual(breakLine('unbreakable-word here', 5), ['unbreakable-word', 'here']);
    assert.deepEqual(breakLine('fits as it is', 13), ['fits as it is']);
    assert.deepEqual(breakLine('running out on Dec 4, 2026 (Pacific/Kiritimati)', 20), ['running out on Dec', '4, 2026', '(Pacific/Kiritimati)']);
  });

  it('breaks Japanese between words, each line within the limit, losing and adding no character', () => {
    setDisplayLocale('ja');
    const line = 'このペースの場合: リセット時点でクォータの 178%、Dec 4, 2026 に使い切る見込み';
    const lines = breakLine(line, 24);
    assert.ok(lines.length >= 3, JSON.stringify(lines));
    assert.ok(lines.every((l) => displayWidth(l) <= 24), JSON.stringify(lines));
    assert.equal(lines.join('').replace(/ /g, ''), line.replace(/ /g, ''));
    assert.ok(lines.every((l) => !/^[、。,:）]/u.test(l)), `no line starts with closing punctuation: ${JSON.stringify(lines)}`);
    // Words stay whole: ICU's dictionary keeps リセット and クォータ together.
    assert.ok(lines.every((l) => !/^(ット|ータ|ォータ)/u.test(l)), JSON.stringify(lines));
  });

  it('breaks Chinese between words and keeps an opening bracket with what follows it', () => {
    setDisplayLocale('zh-cn');
    const line = '按此速度：重置时将用掉配额的 178%（2026年12月4日用完）';
    const lines = breakLine(line, 16);
    assert.ok(lines.length >= 3 && lines.every((l) => displayWidth(l) <= 16), JSON.stringify(lines));
    assert.ok(lines.every((l) => !l.endsWith('（') && !/^[：）]/u.test(l)), JSON.stringify(lines));
    assert.equal(lines.join('').replace(/ /g, ''), line.replace(/ /g, ''));
  });
});
