// The chart's series colours against the backgrounds of VS Code's own themes (Dark Modern, Light Modern, and the
// two High Contrast ones), and against a theme whose chart colour would vanish: every one stands out by 3:1 (WCAG
// 1.4.11), computed here from the colours the chart is given.
import * as assert from 'node:assert/strict';
import { contrastRatio, MARK_CONTRAST, parseCssColour, withMarkContrast } from '../../../src/chart/drawn/contrast';
import { buildChartTheme, type ThemeKind } from '../../../src/chart/drawn/theme';

const THEMES: ReadonlyArray<{ name: string; kind: ThemeKind; background: string }> = [
  { name: 'Dark Modern', kind: 'dark', background: '#1f1f1f' },
  { name: 'Light Modern', kind: 'light', background: '#ffffff' },
  { name: 'Dark High Contrast', kind: 'high-contrast', background: '#000000' },
  { name: 'Light High Contrast', kind: 'high-contrast-light', background: '#ffffff' },
];

function ratio(a: string, b: string): number {
  return contrastRatio(parseCssColour(a)!, parseCssColour(b)!);
}

describe('chart colours and contrast', () => {
  for (const { name, kind, background } of THEMES) {
    it(`every series colour stands out from ${name}\u2019s background by ${MARK_CONTRAST}:1`, () => {
      const theme = buildChartTheme((variable) => (variable === '--vscode-editor-background' ? background : ''), kind);
      assert.equal(theme.palette.length, 10);
      for (const colour of theme.palette) {
        assert.ok(ratio(colour, background) >= MARK_CONTRAST, `${colour} on ${background}: ${ratio(colour, background).toFixed(2)}:1`);
      }
      assert.equal(new Set(theme.palette).size, 10, 'ten series, ten colours');
    });
  }

  it('replaces a theme\u2019s chart colour that would vanish on its background (a grey on Abyss\u2019s navy)', () => {
    const variables: Record<string, string> = { '--vscode-editor-background': '#000c18', '--vscode-charts-orange': '#404851' };
    assert.ok(ratio('#404851', '#000c18') < MARK_CONTRAST, 'the theme\u2019s own colour fails');
    const theme = buildChartTheme((v) => variables[v] ?? '', 'dark');
    assert.equal(theme.palette[1], '#d18616', 'the kind\u2019s own orange, which stands out');
    assert.ok(theme.palette.every((c) => ratio(c, '#000c18') >= MARK_CONTRAST));
  });

  it('judges a translucent theme colour as it shows over the background', () => {
    // White at a quarter opacity over navy is a grey of about 2:1, though white alone would be 20:1.
    assert.equal(withMarkContrast('#ffffff40', '#000c18', ['#d18616']), '#d18616');
    assert.equal(withMarkContrast('rgba(255, 255, 255, 0.25)', '#000c18', ['#d18616']), '#d18616');
    assert.equal(withMarkContrast('#3794ffff', '#1f1f1f'), '#3794ffff', 'an opaque alpha is kept');
  });

  it('lightens or darkens a colour when no alternative stands out, and leaves colours it cannot read', () => {
    const lightened = withMarkContrast('#202020', '#1f1f1f');
    assert.ok(ratio(lightened, '#1f1f1f') >= MARK_CONTRAST, lightened);
    const darkened = withMarkContrast('#fafafa', '#ffffff', ['#eeeeee']);
    assert.ok(ratio(darkened, '#ffffff') >= MARK_CONTRAST, darkened);
    assert.equal(withMarkContrast('#3794ff', '#1f1f1f'), '#3794ff', 'a colour that stands out is kept');
    assert.equal(withMarkContrast('color-mix(in srgb, red, blue)', '#1f1f1f'), 'color-mix(in srgb, red, blue)');
    assert.equal(withMarkContrast('#123', 'transparent'), '#123');
    assert.deepEqual(parseCssColour('rgba(10, 20, 30, 0.5)'), [10, 20, 30]);
    assert.equal(parseCssColour('rgb(300, 0, 0)'), undefined);
    assert.equal(Math.round(ratio('#000000', '#ffffff')), 21);
  });
});
