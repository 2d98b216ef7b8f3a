// The chart compiled on the extension host (src/chart/compile/compile.ts) and drawn by Vega alone, as the webview draws it
// (src/chart/drawn/compiledChart.ts): the same picture and tooltips as Vega-Lite's own output of the same builders, a
// view redrawn in place that shows what a new view shows, and nothing in the spec that the webview's Vega runtime
// lacks. Drawn with Node's Vega and the CSP-safe expression interpreter.
import * as assert from 'node:assert/strict';
import type { TopLevelSpec } from 'vega-lite' with { 'resolution-mode': 'import' };
import type { View } from 'vega' with { 'resolution-mode': 'import' };
import { chooseRenderer } from '../../../src/chart/spec/markKind';
import { compileChart, prepareForWebview } from '../../../src/chart/compile/compile';
import { canRedrawInView, chartRows, instantiateSpec, isTooltipFields, redrawInView, retheme, specIdentity, tooltipText, type CompiledChart } from '../../../src/chart/drawn/compiledChart';
import type { ChartSpecOptions } from '../../../src/chart/spec/specOptions';
import { buildChartSpec } from '../../../src/chart/spec/chartDrawings';
import { buildChartTheme, type ChartTheme } from '../../../src/chart/drawn/theme';
import { themeSignalValues } from '../../../src/chart/drawn/themeSignals';
import type { ChartData } from '../../../src/usage/chartData';
import { billingData } from '../helpers/billingPeriodData';
import { makeChartData, type ChartDataInput } from '../helpers/chartData';
import { axisLabelTexts, dataItems, loadVega, marks, runInterpreted, type SceneNode } from '../helpers/vegaRender';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 2); // a Monday

const dark: ChartTheme = buildChartTheme(() => '', 'dark');
const light: ChartTheme = buildChartTheme(() => '', 'light');

/** Values that vary from bucket to bucket and series to series more than the helper's default. */
function makeData(input: ChartDataInput): ChartData {
  return makeChartData({ value: (s, b) => (s + 1) * 10 + ((b * 7 + s * 3) % 11), ...input });
}

const CHARACTERS = { metric: 'tts_characters', metricLabel: 'TTS characters', unit: 'characters' };

/** Every kind of chart the builders make, and the sizes where the renderer and the line's detail change. */
const CASES: ReadonlyArray<{ name: string; data: ChartData; options: ChartSpecOptions }> = [
  { name: 'stacked bars, three series', data: makeData({ buckets: 7, names: ['Alpha', 'Beta', 'Gamma'] }), options: { breakdownLabel: 'Voice' } },
  {
    name: 'local days in Kathmandu, cut at both ends',
    data: makeData({
      buckets: 7,
      names: ['Alpha', 'Beta'],
      start: T0 - 5.75 * HOUR,
      timeZone: 'Asia/Kathmandu',
      description: { kind: 'local', unit: 'day' },
      partial: ['start', null, null, null, null, null, 'end'],
    }),
    options: { breakdownLabel: 'Voice' },
  },
  { name: 'one series of bars, in Kathmandu', data: makeData({ buckets: 7, names: ['All'], timeZone: 'Asia/Kathmandu' }), options: {} },
  { name: 'lines with invisible hover points', data: makeData({ buckets: 143, names: ['A', 'B'], step: HOUR }), options: { breakdownLabel: 'Model' } },
  {
    name: 'lines of a mean, with gaps',
    data: makeData({ buckets: 30, names: ['A', 'B'], combine: 'mean', value: (s, b) => (b % 5 === 0 ? null : 100 + s * 20 + b) }),
    options: { breakdownLabel: 'Model' },
  },
  { name: 'lines on a canvas', data: makeData({ buckets: 1500, names: ['A', 'B', 'C'], step: HOUR }), options: { breakdownLabel: 'Voice' } },
  { name: 'lines drawn from fewer points (decimated)', data: makeData({ buckets: 5000, names: ['A', 'B'], step: 1800_000 }), options: { breakdownLabel: 'Voice' } },
  { name: 'the billing period: running total, limit rule, dashed projection', data: billingData(), options: {} },
  { name: 'cumulative bars', data: makeData({ buckets: 1, names: ['Alpha', 'Beta', 'Gamma'], cumulative: true, step: 30 * DAY }), options: { breakdownLabel: 'Voice' } },
];

const WIDTH = 760;

describe('charts compiled on the extension host, drawn by Vega alone', function () {
  this.timeout(120_000);
  let vega: Awaited<ReturnType<typeof loadVega>>;

  before(async () => {
    vega = await loadVega();
  });

  /** Runs a Vega spec with the CSP-safe interpreter, as the webview does, or (for the references) with Vega's own code generator. */
  async function run(spec: object, expressions: 'interpreter' | 'codegen' = 'interpreter'): Promise<View> {
    if (expressions === 'interpreter') {
      return runInterpreted(spec);
    }
    const view = new vega.vega.View(vega.vega.parse(spec as never), { renderer: 'none' });
    await view.runAsync();
    return view;
  }

  /** Vega-Lite's own output of the builders' spec with the real theme: what the webview drew before. */
  function reference(data: ChartData, theme: ChartTheme, options: ChartSpecOptions): Promise<View> {
    const spec: TopLevelSpec = buildChartSpec(data, theme, { ...options, width: WIDTH });
    // Vega's code generator: vega-interpreter's datetime() reads a lone number as a year, not as epoch milliseconds,
    // so Vega-Lite's `datetime(<ms>)` tick values (a line's ticks at its buckets' starts) would draw no labels there.
    return run(vega.vegaLite.compile(spec).spec, 'codegen');
  }

  async function compiled(data: ChartData, options: ChartSpecOptions): Promise<CompiledChart> {
    return compileChart(data, { ...options, width: WIDTH }, dark.fontSize);
  }

  function ours(chart: CompiledChart, theme: ChartTheme): Promise<View> {
    return run(instantiateSpec(chart, themeSignalValues(theme), chartRows(chart)));
  }

  /** The two pictures are the same (a failure shows where they part, not two megabytes of SVG). */
  function assertSamePicture(actual: string, expected: string, label: string): void {
    if (actual === expected) {
      return;
    }
    let i = 0;
    while (actual[i] === expected[i]) {
      i++;
    }
    assert.fail(`${label}: the pictures part at character ${i}:\n  actual   …${actual.slice(Math.max(0, i - 300), i + 200)}\n  expected …${expected.slice(Math.max(0, i - 300), i + 200)}`);
  }

  /**
   * The picture as SVG. On a canvas, ARIA texts are left out of the comparison: the compiled chart drops the
   * per-row descriptions there (a canvas has no elements to carry them), which changes the roles Vega writes.
   * An axis's grid lines, ticks and labels are compared in any order: a view redrawn in place keeps the ones that
   * stay and adds the others after them, and none of them overlaps another.
   */
  async function picture(view: View, renderer: 'svg' | 'canvas'): Promise<string> {
    const svg = (await view.toSVG()).replace(
      /(<g class="mark-(?:rule|text) role-axis-(?:grid|tick|label)"[^>]*>)((?:<line[^>]*\/>|<text[^>]*>[^<]*<\/text>)*)(<\/g>)/g,
      (_whole, open: string, children: string, close: string) => open + (children.match(/<line[^>]*\/>|<text[^>]*>[^<]*<\/text>/g) ?? []).sort().join('') + close,
    );
    return renderer === 'canvas' ? svg.replace(/ (role|aria-[a-z]+)="[^"]*"/g, '') : svg;
  }

  for (const { name, data, options } of CASES) {
    it(`draws the picture of Vega-Lite's own output: ${name}`, async () => {
      const chart = await compiled(data, options);
      assert.equal(chart.renderer, chooseRenderer(data));
      const expected = await picture(await reference(data, dark, options), chart.renderer);
      const actual = await picture(await ours(chart, dark), chart.renderer);
      assert.ok(expected.length > 1000, 'the reference draws something');
      assertSamePicture(actual, expected, name);
    });
  }

  it('labels the ticks of lines that stand at the buckets\u2019 starts (datetime values become epoch ms)', async () => {
    const data = makeData({ buckets: 48, names: ['A', 'B'], step: HOUR });
    const chart = await compiled(data, { breakdownLabel: 'Voice' });
    const svg = await (await ours(chart, dark)).toSVG();
    const texts = axisLabelTexts(svg);
    // The x axis's labels: hours of two days at round local times as many as fit, each midnight by its day.
    assert.ok(texts.some((list) => JSON.stringify(list) === JSON.stringify(['Nov 2', '6:00 AM', '12:00 PM', '6:00 PM', 'Nov 3', '6:00 AM', '12:00 PM', '6:00 PM'])), JSON.stringify(texts));
  });

  it('gives the row under the pointer the tooltip that Vega-Lite\u2019s expression gives it', async () => {
    for (const { name, data, options } of CASES) {
      const chart = await compiled(data, options);
      const tooltipped = (view: View): SceneNode[] =>
        marks((view.scenegraph() as unknown as { root: SceneNode }).root)
          .filter((m) => m.role === 'mark')
          .flatMap((m) => [...(m.items ?? [])])
          .filter((item) => item['tooltip'] !== undefined);
      const expected = tooltipped(await reference(data, dark, options));
      const actual = tooltipped(await ours(chart, dark));
      assert.ok(expected.length > 0, `${name}: the chart has tooltips`);
      assert.equal(actual.length, expected.length, `${name}: as many rows with a tooltip`);
      actual.forEach((item, i) => {
        const value = item['tooltip'];
        assert.ok(isTooltipFields(value), `${name}: the tooltip is a field list, made when pointed at`);
        assert.deepEqual(tooltipText(value, item['datum'] as Record<string, unknown>), expected[i]!['tooltip'], `${name}: row ${i}`);
      });
    }
  });

  it('writes an absent or invalid field as Vega-Lite does ("undefined", "null", "NaN") and joins arrays', () => {
    const fields = { tooltipFields: [['A', 'a', '\n'], ['B', 'b', '\n'], ['C', 'c', '\n'], ['D', 'd', ', '], ['E', 'e', '\n']] as const };
    assert.deepEqual(tooltipText(fields, { b: null, c: Number.NaN, d: ['x', 'y'], e: 0 }), { A: 'undefined', B: 'null', C: 'NaN', D: 'x, y', E: 0 });
  });

  it('redraws in the view on screen for another metric, window or theme, as a new view would draw it', async () => {
    const transitions: Array<{ name: string; from: ChartData; to: ChartData; options: ChartSpecOptions }> = [
      {
        name: 'another metric (canvas)',
        from: makeData({ buckets: 1500, names: ['A', 'B', 'C'], step: HOUR, metric: CHARACTERS }),
        to: makeData({ buckets: 1500, names: ['A', 'B', 'C'], step: HOUR, value: (s, b) => 5 + s + (b % 13) }),
        options: { breakdownLabel: 'Voice' },
      },
      {
        name: 'another window (canvas)',
        from: makeData({ buckets: 1500, names: ['A', 'B', 'C'], step: HOUR }),
        to: makeData({ buckets: 1500, names: ['A', 'B', 'C'], step: HOUR, start: T0 + 3 * DAY, value: (s, b) => 40 - s + (b % 17) }),
        options: { breakdownLabel: 'Voice' },
      },
      {
        name: 'another metric (SVG bars, per-row descriptions)',
        from: makeData({ buckets: 7, names: ['Alpha', 'Beta'], metric: CHARACTERS }),
        to: makeData({ buckets: 7, names: ['Alpha', 'Beta'], value: (s, b) => 3 + s * b }),
        options: { breakdownLabel: 'Voice' },
      },
      {
        name: 'a longer window (SVG lines)',
        from: makeData({ buckets: 100, names: ['A', 'B'], step: HOUR }),
        to: makeData({ buckets: 160, names: ['A', 'B'], step: HOUR, start: T0 - 60 * HOUR }),
        options: { breakdownLabel: 'Voice' },
      },
    ];
    for (const { name, from, to, options } of transitions) {
      const first = await compiled(from, options);
      const second = await compiled(to, options);
      assert.equal(specIdentity(second), specIdentity(first), `${name}: the same spec, so the view can stay`);
      const view = await ours(first, dark);
      await redrawInView(view, second, themeSignalValues(dark), chartRows(second), WIDTH);
      assertSamePicture(await picture(view, second.renderer), await picture(await ours(second, dark), second.renderer), name);
      assertSamePicture(await picture(view, second.renderer), await picture(await reference(to, dark, options), second.renderer), `${name}: and as Vega-Lite's output draws it`);
    }
  });

  it('dresses the chart on screen in another theme by its signals, as a new view in that theme would', async () => {
    for (const { name, data, options } of CASES) {
      const chart = await compiled(data, options);
      assert.equal(chart.themeInTexts, false, `${name}: every theme value is a signal`);
      const view = await ours(chart, dark);
      await retheme(view, chart, themeSignalValues(light), WIDTH);
      const expected = await picture(await reference(data, light, options), chart.renderer);
      assert.notEqual(expected, await picture(await reference(data, dark, options), chart.renderer), `${name}: the themes differ`);
      assertSamePicture(await picture(view, chart.renderer), expected, name);
    }
  });

  it('takes no text from the API for a theme placeholder (a voice named like one is drawn as named)', async () => {
    // Before, the placeholders were fixed texts: a series with one in its name was dressed in the theme, which broke
    // the cumulative chart's sort expression and the legend's domain. Each compile now marks its own.
    const hostile = ['\u27eatheme:fontFamily\u27eb', 'Beta \u27eatheme:fontFamily\u27eb', '\u27eatheme:palette_0\u27eb', `\u27eatheme-${'A'.repeat(32)}:foreground\u27eb`];
    const cases = [
      { name: 'cumulative bars', data: makeData({ buckets: 1, names: hostile, cumulative: true, step: 30 * DAY }) },
      { name: 'stacked bars', data: makeData({ buckets: 7, names: hostile }) },
    ];
    for (const { name, data } of cases) {
      const options = { breakdownLabel: 'Voice' };
      const chart = await compiled(data, options);
      assert.equal(chart.themeInTexts, false, `${name}: the names are not theme texts`);
      for (const theme of [dark, light]) {
        assertSamePicture(await picture(await ours(chart, theme), chart.renderer), await picture(await reference(data, theme, options), chart.renderer), `${name} (${theme.kind})`);
      }
    }
  });

  it('fills the theme into a text that holds a placeholder, never into an expression, and draws such a chart anew', async () => {
    const marker = 'M'.repeat(20);
    const font = `\u27eatheme-${marker}:fontFamily\u27eb`;
    const spec = () => ({
      width: 200,
      height: 50,
      marks: [{ type: 'text', encode: { update: { text: { value: `Font: ${font}` }, x: { value: 5 }, y: { value: 20 } } } }],
    });
    const chart = prepareForWebview(spec(), 'svg', vega.vega.parseExpression as (expression: string) => unknown, marker);
    assert.equal(chart.themeInTexts, true);
    const text = (view: View): unknown => dataItems(view, 'text')[0]!['text'];
    assert.equal(text(await ours(chart, dark)), `Font: ${dark.fontFamily}`);
    const other = { ...dark, fontFamily: 'Other Font' };
    assert.equal(text(await ours(chart, other)), 'Font: Other Font');
    // Redrawn in place, a view keeps the texts it was made with: a theme change must draw it anew.
    assert.equal(canRedrawInView(chart, specIdentity(chart)), false, 'its texts hold the theme');
    const plain = await compiled(makeData({ buckets: 7, names: ['A', 'B'] }), {});
    assert.equal(canRedrawInView(plain, specIdentity(plain)), true);
    assert.equal(canRedrawInView(plain, undefined), false);
    // A placeholder in an expression cannot be filled in (the font family's quotes would break it).
    const inExpression = { ...spec(), data: [{ name: 'fonts', values: [{}], transform: [{ type: 'formula', expr: `"${font}"`, as: 'font' }] }] };
    assert.throws(() => prepareForWebview(inExpression, 'svg', vega.vega.parseExpression as (expression: string) => unknown, marker), /expression/);
  });

  it('tells charts that cannot share a view apart', async () => {
    const bars = await compiled(makeData({ buckets: 7, names: ['A', 'B'] }), {});
    const lines = await compiled(makeData({ buckets: 90, names: ['A', 'B'] }), {});
    const moreSeries = await compiled(makeData({ buckets: 7, names: ['A', 'B', 'C'] }), {});
    const mean = await compiled(makeData({ buckets: 7, names: ['A', 'B'], combine: 'mean' }), {});
    const identities = [bars, lines, moreSeries, mean].map(specIdentity);
    assert.equal(new Set(identities).size, 4, 'bars, lines, a third series and a mean each need their own view');
  });

  it('names no transform that the webview\u2019s Vega runtime lacks (src/webview/vegaRuntime.ts)', async () => {
    const registered = new Set<string>();
    for (const module of await Promise.all([import('vega-transforms'), import('vega-view-transforms'), import('vega-encode')])) {
      for (const name of Object.keys(module)) {
        registered.add(name.toLowerCase());
      }
    }
    for (const { name, data, options } of CASES) {
      const chart = await compiled(data, options);
      const types = JSON.stringify(chart.spec).match(/"type":"[a-z]+"/g) ?? [];
      const transforms = ((chart.spec['data'] ?? []) as Array<{ transform?: Array<{ type: string }> }>).flatMap((d) => (d.transform ?? []).map((t) => t.type));
      for (const type of transforms) {
        assert.ok(registered.has(type), `${name}: transform ${type} is registered in the webview`);
      }
      assert.ok(types.length > 0);
    }
  });

  it('builds the same spec whatever the theme\u2019s kind: the host compiles without knowing it', () => {
    for (const { data, options } of CASES) {
      assert.deepEqual(buildChartSpec(data, { ...dark, kind: 'light' }, options), buildChartSpec(data, dark, options));
      assert.deepEqual(buildChartSpec(data, { ...dark, kind: 'high-contrast' }, options), buildChartSpec(data, dark, options));
    }
  });

  it('carries the rows in columns: numbers as Float64Arrays, repeated texts once', async () => {
    const data = makeData({ buckets: 143, names: ['A', 'B', 'C'], step: HOUR });
    const chart = await compiled(data, {});
    const [name, columns] = Object.entries(chart.datasets)[0]!;
    assert.equal(columns.length, 143 * 3);
    const column = (field: string) => columns.columns.find((c) => c.name === field);
    assert.equal(column('value')?.kind, 'numbers');
    assert.ok(column('value')?.kind === 'numbers' && column('value')!.kind === 'numbers' && (column('value') as { values: unknown }).values instanceof Float64Array);
    const series = column('series');
    assert.ok(series?.kind === 'dictionary' && series.dictionary.length === 3, 'three series names, written once each');
    const spec = chart.spec as { data: Array<{ name: string; values?: unknown }> };
    assert.equal(spec.data.find((d) => d.name === name)?.values, undefined, 'the spec itself carries no rows');
    assert.ok(!JSON.stringify(chart.spec).includes('Alpha'));
  });

  it('keeps the view\u2019s data marks from ever seeing a colour placeholder', async () => {
    const { data, options } = CASES[0]!;
    const view = await ours(await compiled(data, options), dark);
    const fills = dataItems(view, 'rect').map((item) => item['fill']);
    assert.ok(fills.length > 0 && fills.every((fill) => typeof fill === 'string' && fill.startsWith('#')), fills.join(' '));
  });
});
