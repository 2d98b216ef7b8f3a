// Every colour the charts draw, as drawn: each chart is rendered headlessly (the webview's way) with the CSS
// variables VS Code 1.139 gives a webview in Dark Modern, Light Modern and the two High Contrast themes, and each
// visible item of the scenegraph is measured against the background as it shows (its opacity composited):
// marks — bars, lines, points, the limit's rule, legend symbols, axis lines — by 3:1 (WCAG 1.4.11), text by 4.5:1
// (WCAG 1.4.3). The series palette alone was checked before; the faded partial bars, the projection and the
// theme's own greys were not.
import * as assert from 'node:assert/strict';
import { buildChartSpec } from '../../../src/chart/spec/chartDrawings';
import { buildChartTheme, type ThemeKind } from '../../../src/chart/drawn/theme';
import { contrastRatio, MARK_CONTRAST, parseWithAlpha, TEXT_CONTRAST } from '../../../src/chart/drawn/contrast';
import { billingData } from '../helpers/billingPeriodData';
import { makeChartData } from '../helpers/chartData';
import { marks, renderChart, type SceneNode } from '../helpers/vegaRender';

// VS Code 1.139's values: the theme files (extensions/theme-defaults/themes/*.json) and, where a theme sets
// nothing, the colour registry's defaults (charts.blue = editorInfo.foreground, charts.orange =
// editor.findMatchHighlightBackground — a translucent #EA5C0055 — charts.lines = foreground at 50%,
// descriptionForeground = foreground at 70% in High Contrast). High Contrast sets no orange at all.
const THEMES: ReadonlyArray<{ name: string; kind: ThemeKind; variables: Readonly<Record<string, string>> }> = [
  {
    name: 'Dark Modern',
    kind: 'dark',
    variables: {
      'editor-background': '#1F1F1F', 'editor-foreground': '#CCCCCC', foreground: '#CCCCCC', descriptionForeground: '#9D9D9D',
      'charts-foreground': '#CCCCCC', 'charts-lines': '#CCCCCC80', 'charts-red': '#F14C4C', 'charts-blue': '#59A4F9',
      'charts-yellow': '#CCA700', 'charts-orange': '#EA5C0055', 'charts-green': '#89D185', 'charts-purple': '#B180D7',
    },
  },
  {
    name: 'Light Modern',
    kind: 'light',
    variables: {
      'editor-background': '#FFFFFF', 'editor-foreground': '#3B3B3B', foreground: '#3B3B3B', descriptionForeground: '#3B3B3B',
      'charts-foreground': '#3B3B3B', 'charts-lines': '#3B3B3B80', 'charts-red': '#E51400', 'charts-blue': '#0063D3',
      'charts-yellow': '#BF8803', 'charts-orange': '#EA5C0055', 'charts-green': '#388A34', 'charts-purple': '#652D90',
    },
  },
  {
    name: 'Dark High Contrast',
    kind: 'high-contrast',
    variables: {
      'editor-background': '#000000', 'editor-foreground': '#FFFFFF', foreground: '#FFFFFF', descriptionForeground: '#FFFFFFB3',
      contrastBorder: '#6FC3DF', 'charts-foreground': '#FFFFFF', 'charts-lines': '#FFFFFF80', 'charts-red': '#F48771',
      'charts-blue': '#59A4F9', 'charts-yellow': '#FFD370', 'charts-green': '#89D185', 'charts-purple': '#B180D7',
    },
  },
  {
    name: 'Light High Contrast',
    kind: 'high-contrast-light',
    variables: {
      'editor-background': '#FFFFFF', 'editor-foreground': '#292929', foreground: '#292929', descriptionForeground: '#292929B3',
      contrastBorder: '#0F4A85', 'charts-foreground': '#292929', 'charts-lines': '#29292980', 'charts-red': '#B5200D',
      'charts-blue': '#0063D3', 'charts-yellow': '#895503', 'charts-green': '#374E06', 'charts-purple': '#652D90',
    },
  },
];

/** The contrast of `colour` at `opacity` over `background` (opaque), as the eye gets it. */
function shownContrast(colour: string, opacity: number, background: string): number {
  const { rgb, alpha: own } = parseWithAlpha(colour) ?? assert.fail(`a colour the test cannot read: ${colour}`);
  const behind = parseWithAlpha(background)!.rgb;
  const alpha = own * opacity;
  const mixed = rgb.map((c, i) => c * alpha + behind[i]! * (1 - alpha)) as unknown as [number, number, number];
  return contrastRatio(mixed, behind);
}

const number = (value: unknown, fallback: number): number => (typeof value === 'number' ? value : fallback);

/** What is wrong with one drawn item: undefined when it stands out enough or is not drawn at all. */
function contrastProblem(role: string, marktype: string, item: SceneNode, background: string): string | undefined {
  const opacity = number(item['opacity'], 1);
  if (opacity === 0) {
    return undefined; // the invisible points that only carry a tooltip
  }
  const fill = typeof item['fill'] === 'string' && item['fill'] !== 'transparent' ? item['fill'] : undefined;
  const stroke = typeof item['stroke'] === 'string' && item['stroke'] !== 'transparent' && number(item['strokeWidth'], 1) > 0 ? item['stroke'] : undefined;
  const fillContrast = fill ? shownContrast(fill, opacity * number(item['fillOpacity'], 1), background) : 0;
  const strokeContrast = stroke ? shownContrast(stroke, opacity * number(item['strokeOpacity'], 1), background) : 0;
  if (!fill && !stroke) {
    return undefined;
  }
  const needed = marktype === 'text' ? TEXT_CONTRAST : MARK_CONTRAST;
  const best = Math.max(fillContrast, strokeContrast);
  return best >= needed ? undefined : `${role} ${marktype} (fill ${fill ?? '-'}, stroke ${stroke ?? '-'}, opacity ${opacity}): ${best.toFixed(2)}:1 < ${needed}:1`;
}

/**
 * Roles left out, each with its reason: the grid is faint on purpose and no figure is read from it; the area
 * under the billing period's line is a tint, the line above it carries the figure; frames and groups draw nothing.
 */
function measured(role: string, marktype: string): boolean {
  return !['axis-grid', 'frame', 'scope', 'axis', 'legend', 'title', 'legend-entry', 'legend-band', 'legend-gradient'].includes(role) && marktype !== 'group' && marktype !== 'area';
}

function problemsIn(root: SceneNode, background: string): { problems: string[]; roles: Set<string> } {
  const problems: string[] = [];
  const roles = new Set<string>();
  for (const mark of marks(root)) {
    const role = String(mark.role ?? '');
    const marktype = String(mark.marktype);
    if (!measured(role, marktype)) {
      continue;
    }
    // A line or an area is one item per path; other marks, one per datum.
    for (const item of mark.items ?? []) {
      const problem = contrastProblem(role, marktype, item, background);
      roles.add(`${role}:${marktype}`);
      if (problem) {
        problems.push(problem);
      }
    }
  }
  return { problems, roles };
}

const DAY = 86_400_000;

describe('every colour the charts draw stands out from VS Code\u2019s own themes', () => {
  for (const { name, kind, variables } of THEMES) {
    const theme = buildChartTheme((variable) => variables[variable.replace(/^--vscode-/, '')] ?? '', kind);
    const background = variables['editor-background']!;

    it(`stacked bars with faded partial days, their legend, axes and titles, in ${name}`, async () => {
      const data = makeChartData({
        buckets: 7,
        names: ['tts', 'sts', 'agents'],
        step: DAY,
        partial: ['start', null, null, null, null, null, 'end'],
      });
      const { view } = await renderChart(buildChartSpec(data, theme, { width: 700, availableWidth: 800 }));
      const { problems, roles } = problemsIn((view.scenegraph() as unknown as { root: SceneNode }).root, background);
      assert.deepEqual(problems, []);
      for (const drawn of ['mark:rect', 'axis-domain:rule', 'axis-label:text', 'axis-title:text', 'legend-symbol:symbol', 'legend-label:text', 'title-text:text', 'title-subtitle:text']) {
        assert.ok(roles.has(drawn), `${drawn} was measured (${[...roles].join(', ')})`);
      }
    });

    it(`lines of two series over many hours, in ${name}`, async () => {
      const data = makeChartData({ buckets: 200, names: ['Default', 'Client B'], step: 3_600_000 });
      const { view } = await renderChart(buildChartSpec(data, theme, { width: 700, availableWidth: 800 }));
      const { problems, roles } = problemsIn((view.scenegraph() as unknown as { root: SceneNode }).root, background);
      assert.deepEqual(problems, []);
      assert.ok(roles.has('mark:line'), [...roles].join(', '));
    });

    it(`the billing period: running total, limit, projection and their labels, in ${name}`, async () => {
      const { view } = await renderChart(buildChartSpec(billingData(), theme, { width: 700, availableWidth: 800 }));
      const { problems, roles } = problemsIn((view.scenegraph() as unknown as { root: SceneNode }).root, background);
      assert.deepEqual(problems, []);
      for (const drawn of ['mark:line', 'mark:rule', 'mark:symbol', 'mark:text']) {
        assert.ok(roles.has(drawn), `${drawn} was measured (${[...roles].join(', ')})`);
      }
    });
  }

  it('finds a faded bar that stands out only by its fill (the check itself can fail)', () => {
    const faded = { fill: '#59a4f9', fillOpacity: 0.45, opacity: 1 };
    assert.match(contrastProblem('mark', 'rect', faded, '#1F1F1F') ?? '', /< 3:1$/);
    assert.equal(contrastProblem('mark', 'rect', { ...faded, stroke: '#59a4f9', strokeWidth: 1.5 }, '#1F1F1F'), undefined);
    assert.match(contrastProblem('axis-label', 'text', { fill: '#767676' }, '#1F1F1F') ?? '', /< 4.5:1$/);
  });
});
