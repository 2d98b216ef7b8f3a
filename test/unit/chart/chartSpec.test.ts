import * as assert from 'node:assert/strict';
import { markKind, chooseRenderer, HOVER_POINT_LIMIT, LINE_BUCKET_THRESHOLD, LINE_DETAIL_LIMIT, SVG_POINT_LIMIT } from '../../../src/chart/spec/markKind';
import { hourAxisValues, legendColumns, wrapSegments } from '../../../src/chart/spec/textLayout';
import { bucketLabels, dateTimeLabel, windowLabel } from '../../../src/chart/bucketLabels';
import { chartRows, legendKeys } from '../../../src/chart/spec/chartRows';
import { buildChartSpec } from '../../../src/chart/spec/chartDrawings';
import { chartTitle, subtitleLines } from '../../../src/chart/spec/chartWords';
import { buildTableModel } from '../../../src/chart/table/tableModel';
import { labelWithUnit } from '../../../src/usage/catalog';
import { buildChartTheme, opaqueBackground, parsePixelSize, themeKindFromClasses, type ChartTheme } from '../../../src/chart/drawn/theme';
import type { ChartData } from '../../../src/usage/chartData';
import { decimationGroupSize } from '../../../src/usage/decimate';
import { makeChartData } from '../helpers/chartData';
import { inShippedLanguage } from '../helpers/shippedLanguage';
import { inTimeZone } from '../helpers/timeZone';
import { setDisplayLocale } from '../../../src/shared/locale/displayLocale';
import { useLanguage } from '../../../src/shared/locale/language';
import { axisLabelTexts, dataItems, dataMarks, renderAsWebview, renderChart, timeAxisLabels, type SceneNode } from '../helpers/vegaRender';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 2); // a Monday

const theme: ChartTheme = buildChartTheme(() => '', 'dark');

const makeData = makeChartData;

/** Every data value of the compiled spec, to check the data travels inline. */
function inlineValues(spec: unknown): unknown[] {
  const data = (spec as { data?: { values?: unknown[] } }).data;
  assert.ok(data && Array.isArray(data.values), 'the spec carries its data as data.values');
  return data.values;
}

function hasStackTransform(vgSpec: unknown): boolean {
  return JSON.stringify(vgSpec).includes('"type":"stack"');
}

describe('chart spec: what kind of chart', () => {
  it('stacks bars up to the bucket threshold and draws lines beyond it', () => {
    assert.equal(markKind(makeData({ buckets: LINE_BUCKET_THRESHOLD, names: ['A', 'B'] })), 'stacked-bars');
    assert.equal(markKind(makeData({ buckets: LINE_BUCKET_THRESHOLD + 1, names: ['A', 'B'] })), 'lines');
  });

  it('never stacks non-additive metrics', () => {
    assert.equal(markKind(makeData({ buckets: 5, names: ['A', 'B'], combine: 'mean' })), 'lines');
    assert.equal(markKind(makeData({ buckets: 5, names: ['A', 'B'], combine: 'max' })), 'lines');
  });

  it('draws one figure per series for a cumulative query, whatever the metric', () => {
    assert.equal(markKind(makeData({ buckets: 1, names: ['A'], cumulative: true })), 'cumulative-bars');
    assert.equal(markKind(makeData({ buckets: 1, names: ['A'], cumulative: true, combine: 'max' })), 'cumulative-bars');
  });

  it('renders to SVG up to the point limit and to a canvas beyond it', () => {
    assert.equal(SVG_POINT_LIMIT, 4000);
    assert.equal(chooseRenderer({ time: new Array(1000).fill(0), series: new Array(4).fill({}) }), 'svg');
    assert.equal(chooseRenderer({ time: new Array(1000).fill(0), series: new Array(5).fill({}) }), 'canvas');
    assert.equal(chooseRenderer({ time: new Array(4001).fill(0), series: [] }), 'canvas');
    assert.equal(chooseRenderer({ time: [], series: [] }), 'svg');
  });
});

describe('chart spec: content', () => {
  it('carries the data inline in long format and names no URL', () => {
    const data = makeData({ buckets: 3, names: ['A', 'B'] });
    const spec = buildChartSpec(data, theme);
    const values = inlineValues(spec);
    assert.equal(values.length, 6);
    assert.deepEqual(
      values.map((row) => (row as { series: string; value: number }).series),
      ['A', 'B', 'A', 'B', 'A', 'B'],
    );
    const text = JSON.stringify(spec);
    assert.ok(!/"url"\s*:/.test(text), 'no data URL');
    assert.deepEqual((spec as { autosize?: unknown }).autosize, { type: 'fit-x', contains: 'padding' });
    assert.equal((spec as { width?: unknown }).width, 'container');
  });

  it('is deterministic', () => {
    const data = makeData({ buckets: 10, names: ['A', 'B', 'C'] });
    assert.equal(JSON.stringify(buildChartSpec(data, theme)), JSON.stringify(buildChartSpec(data, theme)));
  });

  it('takes colours and font from the theme', () => {
    const custom = buildChartTheme(
      (name) =>
        ({ '--vscode-editor-background': '#102030', '--vscode-editor-foreground': '#eeeeee', '--vscode-font-family': 'Fira Sans', '--vscode-charts-blue': '#66aaff' })[name] ?? '',
      'dark',
    );
    const spec = buildChartSpec(makeData({ buckets: 3, names: ['A', 'B'] }), custom) as unknown as { config: Record<string, Record<string, unknown> | string> };
    assert.equal(spec.config['background'], '#102030');
    assert.equal(spec.config['font'], 'Fira Sans');
    assert.equal((spec.config['axis'] as Record<string, unknown>)['labelColor'], '#eeeeee');
    assert.equal(((spec.config['range'] as Record<string, unknown>)['category'] as string[])[0], '#66aaff', 'the theme\u2019s blue, which stands out from its background (contrast.test.ts: one that does not is replaced)');
  });

  it('puts each series total in its legend label, unique even for equal names', () => {
    const data = makeData({ buckets: 2, names: ['A', 'A'], value: () => 500 });
    assert.deepEqual(legendKeys(data), ['A \u2014 1,000', 'A \u2014 1,000 (2)']);
    const none = { ...data, series: [{ name: 'X', values: [null, null], total: null }] };
    assert.deepEqual(legendKeys(none), ['X \u2014 no data']);
  });

  it('notes UTC buckets, filled buckets and folded series in the subtitle', () => {
    const data = makeData({ buckets: 3, names: ['A', 'B'], filledBuckets: 2, foldedSeries: 4 });
    const lines = inTimeZone('Asia/Tokyo', () => subtitleLines({ ...data, timeZone: 'Europe/Berlin' }, {}));
    const text = lines.join('\n');
    assert.match(text, /Buckets are UTC days, as the API makes them, shown in Europe\/Berlin time/);
    assert.match(text, /2 empty buckets filled with 0/);
    assert.match(text, /4 smaller series folded into \u201cOther\u201d/);
    assert.match(text, /^Nov 2, 2026, 1:00 AM \u2013 Nov 5, 2026, 12:59 AM \(Europe\/Berlin\)/);
    assert.match(text, /total 96 credits/);

    const clean = subtitleLines(makeData({ buckets: 3, names: ['A'], step: HOUR }), {}).join('\n');
    assert.match(clean, /Buckets are UTC hours/);
    assert.doesNotMatch(clean, /filled|folded/);
    const mean = subtitleLines(makeData({ buckets: 3, names: ['A'], combine: 'mean', filledBuckets: 1 })).join('\n');
    assert.match(mean, /1 bucket without data left empty/);
    const averages = subtitleLines(makeData({ buckets: 3, names: ['A'], combine: 'mean', description: { kind: 'api', reason: 'notAdditive', interval: 'day' } })).join('\n');
    assert.match(averages, /Time to first byte \(mean\) cannot be added up into your own days: buckets are the API\u2019s UTC days, shown in UTC time/);
    const local = subtitleLines(makeData({ buckets: 3, names: ['A'], timeZone: 'Asia/Kolkata', description: { kind: 'local', unit: 'week' } })).join('\n');
    assert.match(local, /Buckets are local weeks \(from Monday\) in Asia\/Kolkata/);
    const cumulative = subtitleLines(makeData({ buckets: 1, names: ['A'], cumulative: true })).join('\n');
    assert.match(cumulative, /One figure per series for the whole window/);
  });

  it('wraps subtitle notes and legend columns to the available width', () => {
    assert.deepEqual(wrapSegments(['aaaa', 'bbbb', 'cc'], 11), ['aaaa \u00b7 bbbb', 'cc']);
    assert.deepEqual(wrapSegments(['a long segment'], 7), ['a long', 'segment'], 'a segment wider than the line, broken at its spaces');
    const keys = ['eleven_multilingual_v2 \u2014 50,525', 'eleven_flash_v2_5 \u2014 39,881', 'B', 'C', 'D'];
    assert.equal(legendColumns(keys, 13, { availableWidth: 1060 }), 3);
    assert.equal(legendColumns(keys.slice(2), 13, { availableWidth: 1060 }), 3);
    assert.equal(legendColumns(keys, 13, { availableWidth: 520 }), 1);
    assert.equal(legendColumns(['A'], 13, { availableWidth: 1060 }), 1);
  });

  it('titles the chart with the metric and the breakdown', () => {
    const data = makeData({ buckets: 2, names: ['A', 'B'] });
    assert.equal(chartTitle(data, { breakdownLabel: 'Model' }), 'Credits by model');
    assert.equal(chartTitle(data, { breakdownLabel: 'API keys' }), 'Credits by API keys');
    assert.equal(chartTitle(data), 'Credits');
  });

  it('keeps a German noun\'s capital in the title (the bundle\'s "{0} nach {1}")', () => {
    const data = makeData({ buckets: 2, names: ['A', 'B'] });
    useLanguage({ locale: 'de', messages: { '{0} by {1}': '{0} nach {1}' } });
    try {
      assert.equal(chartTitle({ ...data, metricLabel: 'Zeichen' }, { breakdownLabel: 'Stimme' }), 'Zeichen nach Stimme');
    } finally {
      useLanguage({ locale: 'en', messages: undefined });
    }
  });

  it('names the unit on the value axis', () => {
    assert.equal(labelWithUnit({ metricLabel: 'Credits', unit: 'credits' }), 'Credits');
    assert.equal(labelWithUnit({ metricLabel: 'Time to first byte (mean)', unit: 'ms' }), 'Time to first byte (mean), ms');
    assert.equal(labelWithUnit({ metricLabel: 'Money spent', unit: 'fiat units' }), 'Money spent (fiat units)');
  });

  it('places buckets at the user\u2019s wall-clock times, whatever the zone of the runtime, and names them', () => {
    // A UTC day bucket starts at 05:30 in Kolkata and at 13:00 (on the next date) in Auckland (UTC+13).
    const data = makeData({ buckets: 2, names: ['A'] });
    const kolkata = inTimeZone('America/Los_Angeles', () => chartRows({ ...data, timeZone: 'Asia/Kolkata' }));
    assert.deepEqual(kolkata.map((r) => [r.start, r.end]), [
      [T0 + 5.5 * HOUR, T0 + DAY + 5.5 * HOUR],
      [T0 + DAY + 5.5 * HOUR, T0 + 2 * DAY + 5.5 * HOUR],
    ]);
    assert.deepEqual(kolkata.map((r) => r.when), [
      'Mon, Nov 2, 2026, 5:30 AM \u2013 Tue, Nov 3, 2026, 5:30 AM',
      'Tue, Nov 3, 2026, 5:30 AM \u2013 Wed, Nov 4, 2026, 5:30 AM',
    ]);
    const auckland = chartRows({ ...data, timeZone: 'Pacific/Auckland' });
    assert.deepEqual(auckland.map((r) => r.when.split(' \u2013 ')[0]), ['Mon, Nov 2, 2026, 1:00 PM', 'Tue, Nov 3, 2026, 1:00 PM']);
  });

  it('names local periods as a calendar does, and marks those the window cuts', () => {
    // Local days in Kolkata from 07:01 on Mon 2 Nov to 14:05 on Wed 4 Nov (UTC+5:30).
    const time = [Date.UTC(2026, 10, 2, 1, 31), Date.UTC(2026, 10, 2, 18, 30), Date.UTC(2026, 10, 3, 18, 30)];
    const ends = [Date.UTC(2026, 10, 2, 18, 30), Date.UTC(2026, 10, 3, 18, 30), Date.UTC(2026, 10, 4, 8, 35)];
    const days: ChartData = { ...makeData({ buckets: 3, names: ['A'] }), time, ends, partial: ['start', null, 'end'], timeZone: 'Asia/Kolkata', buckets: { kind: 'local', unit: 'day' } };
    assert.deepEqual(bucketLabels(days), [
      { short: 'Nov 2', full: 'Mon, Nov 2, 2026, from 7:01 AM' },
      { short: 'Nov 3', full: 'Tue, Nov 3, 2026' },
      { short: 'Nov 4', full: 'Wed, Nov 4, 2026, until 2:05 PM' },
    ]);
    assert.deepEqual(chartRows(days).map((r) => r.partial), [true, false, true]);
    const weeks: ChartData = { ...days, partial: ['start', null, 'end'], buckets: { kind: 'local', unit: 'week' } };
    assert.equal(bucketLabels(weeks)[0]!.full, 'Week of Mon, Nov 2, 2026, from Nov 2, 7:01 AM');
    assert.equal(bucketLabels(weeks)[1]!.short, 'Nov 2', 'a week is named by its Monday');
    const months: ChartData = { ...days, partial: [null, null, null], buckets: { kind: 'local', unit: 'month' } };
    assert.deepEqual(bucketLabels(months)[0], { short: 'Nov 2026', full: 'November 2026' });
    const hours: ChartData = { ...days, time: [Date.UTC(2026, 10, 2, 8, 30)], ends: [Date.UTC(2026, 10, 2, 9, 30)], partial: [null], buckets: { kind: 'local', unit: 'hour' } };
    assert.deepEqual(bucketLabels(hours)[0], { short: '2:00 PM', full: 'Mon, Nov 2, 2026, 2:00 PM \u2013 3:00 PM' });
    // The hour from midnight is named by its day, so that an axis of hours shows its dates.
    const midnight: ChartData = { ...hours, time: [Date.UTC(2026, 10, 2, 18, 30)], ends: [Date.UTC(2026, 10, 2, 19, 30)] };
    assert.deepEqual(bucketLabels(midnight)[0], { short: 'Nov 3', full: 'Tue, Nov 3, 2026, 12:00 AM \u2013 1:00 AM' });
  });

  it('labels an axis of hours at round local times from midnight, as many as fit', () => {
    const hoursFrom = (count: number, minute = 0) => Array.from({ length: count }, (_, i) => ({ hour: i % 24, minute }));
    // Two days in 800 pixels of plot at 13 px: a label every 4 hours, both midnights among them.
    assert.deepEqual(hourAxisValues(hoursFrom(48), 13, { availableWidth: 900 }), [0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44]);
    // Twice the room: every 2 hours.
    assert.equal(hourAxisValues(hoursFrom(48), 13, { availableWidth: 1700 })!.length, 24);
    // Thirty days of hours: not even a day fits a label, so every third midnight.
    assert.deepEqual(hourAxisValues(hoursFrom(720), 13, { availableWidth: 900 }), Array.from({ length: 10 }, (_, i) => i * 72));
    // A window from 07:00: the labels still stand at round times, midnight among them.
    const fromSeven = Array.from({ length: 24 }, (_, i) => ({ hour: (7 + i) % 24, minute: 0 }));
    const values = hourAxisValues(fromSeven, 13, { availableWidth: 500 })!;
    assert.ok(values.every((i) => fromSeven[i]!.hour % 4 === 0), JSON.stringify(values));
    assert.ok(values.includes(17), 'midnight');
    // The API's UTC hours seen from Kolkata start at :30: left to the axis.
    assert.equal(hourAxisValues(hoursFrom(48, 30), 13, { availableWidth: 900 }), undefined);
  });
});

describe('chart spec: compiled with vega-lite and rendered with vega (CSP-safe interpreter)', function () {
  this.timeout(30000);

  it('draws stacked bars: one rect per bucket and series, stacked to the bucket total', async () => {
    const data = makeData({ buckets: 7, names: ['Alpha', 'Beta', 'Gamma'] });
    const { view, vgSpec, warnings } = await renderChart(buildChartSpec(data, theme, { width: 600 }));
    assert.deepEqual(warnings, []);
    assert.ok(hasStackTransform(vgSpec));
    const rects = dataItems(view, 'rect');
    assert.equal(rects.length, 7 * 3);
    assert.equal(dataItems(view, 'line').length, 0);
    // In each bucket the three rects sit on top of each other, reaching the bucket total.
    const y = view.scale('y') as (value: number) => number;
    const byBucket = new Map<number, SceneNode[]>();
    for (const rect of rects) {
      const x = rect['x'] as number;
      byBucket.set(Math.round(x), [...(byBucket.get(Math.round(x)) ?? []), rect]);
    }
    assert.equal(byBucket.size, 7);
    let bucket = 0;
    for (const group of [...byBucket.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => g)) {
      const spans = group.map((r) => [r['y'] as number, (r['y'] as number) + (r['height'] as number)] as const).sort((a, b) => b[0] - a[0]);
      assert.ok(Math.abs(spans[0]![1] - y(0)) < 0.01, 'the first sits on zero');
      assert.ok(Math.abs(spans[0]![0] - spans[1]![1]) < 0.01 && Math.abs(spans[1]![0] - spans[2]![1]) < 0.01, 'each on the one below');
      const total = data.series.reduce((sum, s) => sum + (s.values[bucket] ?? 0), 0);
      assert.ok(Math.abs(spans[2]![0] - y(total)) < 0.01, 'the top at the bucket total');
      bucket++;
    }
    // A band per bucket, named as a calendar names it.
    assert.equal(view.scale('x').type, 'band');
  });

  it('renders every kind of chart without building code from strings, as the webview\u2019s CSP demands', async () => {
    // The webview's policy has no 'unsafe-eval': Function() and eval throw there. Here too, for the whole render.
    const globals = globalThis as unknown as Record<string, unknown>;
    const saved = { Function: globals['Function'], eval: globals['eval'] };
    const refuse = (): never => {
      throw new EvalError('code from strings is refused (no unsafe-eval)');
    };
    globals['Function'] = refuse;
    globals['eval'] = refuse;
    try {
      for (const data of [makeData({ buckets: 7, names: ['A', 'B'] }), makeData({ buckets: 90, names: ['A'] }), makeData({ buckets: 5, names: ['A'], combine: 'mean' }), makeData({ buckets: 1, names: ['A', 'B'], cumulative: true })]) {
        const { view, warnings } = await renderChart(buildChartSpec(data, theme, { width: 500 }));
        assert.deepEqual(warnings, []);
        assert.ok((await view.toSVG()).includes('Credits') || data.combine !== 'sum');
      }
    } finally {
      globals['Function'] = saved.Function;
      globals['eval'] = saved.eval;
    }
  });

  it('gives bars a tooltip with series, times in the user\u2019s zone and the value with its unit', async () => {
    const data = { ...makeData({ buckets: 2, names: ['Alpha', 'Beta'] }), timeZone: 'Asia/Kathmandu' };
    const { view } = await inTimeZone('America/New_York', () => renderChart(buildChartSpec(data, theme, { width: 400 })));
    const tooltip = dataItems(view, 'rect')[0]!['tooltip'] as Record<string, string>;
    assert.deepEqual(Object.keys(tooltip), ['Series', 'When', 'Credits', 'Bucket total']);
    assert.equal(tooltip['Series'], 'Alpha');
    assert.equal(tooltip['Credits'], '10 credits');
    assert.equal(tooltip['Bucket total'], '30 credits');
    // Kathmandu is UTC+5:45.
    assert.equal(tooltip['When'], 'Mon, Nov 2, 2026, 5:45 AM \u2013 Tue, Nov 3, 2026, 5:45 AM');
  });

  it('labels the time axis in the user\u2019s zone, not the runtime\u2019s', async () => {
    // Two daily buckets from 11:00 UTC: midnight each day in Auckland (UTC+13); the runtime sits in New York.
    const data = { ...makeData({ buckets: 2, names: ['A'] }), time: [T0 + 11 * HOUR, T0 + DAY + 11 * HOUR], startUnix: T0 + 11 * HOUR, endUnix: T0 + 2 * DAY + 11 * HOUR - 1, timeZone: 'Pacific/Auckland' };
    const { view } = await inTimeZone('America/New_York', () => renderChart(buildChartSpec(data, theme, { width: 400 })));
    const svg = await view.toSVG();
    const labels = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    assert.ok(labels.includes('Nov 3'), `an axis label for the bucket from midnight on Tue 3 Nov in Auckland: ${labels.join(' | ')}`);
    assert.ok(labels.includes('Time (Pacific/Auckland)'), 'the axis names the zone');
  });

  it('labels a line chart\u2019s time axis as its table names the buckets, in the display language and its clock', async () => {
    const labelsOf = async (data: ChartData, width = 800): Promise<string[]> => {
      const view = await inTimeZone('America/New_York', () => renderAsWebview(data, theme, { width }));
      return timeAxisLabels(await view.toSVG());
    };
    // 90 local days and three days of local hours: lines, not bars.
    const days = makeData({ buckets: 90, names: ['A'], description: { kind: 'local', unit: 'day' } });
    const hours = makeData({ buckets: 72, names: ['A'], step: HOUR, description: { kind: 'local', unit: 'hour' } });
    try {
      for (const [locale, day, hour] of [
        ['en', /^[A-Z][a-z]{2} \d{1,2}$/, /^\d{1,2}:00 [AP]M$/],
        ['de', /^\d{1,2}\. [A-Z][a-z]{2}\.$/, /^\d{1,2}:00$/],
        ['ja', /^\d{1,2}月\d{1,2}日$/, /^\d{1,2}:00$/],
      ] as const) {
        setDisplayLocale(locale);
        const dayLabels = await labelsOf(days);
        assert.ok(dayLabels.length >= 4, `${locale}: ${dayLabels.join(' | ')}`);
        const named = new Set(bucketLabels(days).map((l) => l.short));
        assert.ok(dayLabels.every((label) => named.has(label) && day.test(label)), `${locale}: ${dayLabels.join(' | ')}`);
        // Hours on the language's clock, each midnight by its day (so the week's days are on the axis).
        const hourLabels = await labelsOf(hours, 1600);
        assert.ok(hourLabels.some((label) => day.test(label)) && hourLabels.some((label) => hour.test(label)), `${locale}: ${hourLabels.join(' | ')}`);
        assert.ok(hourLabels.every((label) => day.test(label) || hour.test(label)), `${locale}: ${hourLabels.join(' | ')}`);
      }
      // A long line gets as many ticks as its labels fit, not one per bucket (400 days on 800 px: a comb).
      const year = buildChartSpec(makeData({ buckets: 400, names: ['A'], description: { kind: 'local', unit: 'day' } }), theme, { width: 800 }) as { encoding: { x: { axis: { values: number[] } } } };
      const ticks = year.encoding.x.axis.values;
      assert.ok(ticks.length >= 5 && ticks.length <= 30, `${ticks.length} ticks`);
      assert.ok(ticks.every((t, i) => i === 0 || (t - ticks[i - 1]!) % (7 * DAY) === 0), 'whole weeks apart');
    } finally {
      setDisplayLocale('en');
    }
  });

  it('writes the value axis\u2019 figures as the display language does, four-digit ones too (Spanish 4000, 12.000)', async () => {
    const valueLabels = async (top: number): Promise<string[]> => {
      const view = await renderAsWebview(makeData({ buckets: 7, names: ['A'], value: (_s, b) => (b === 3 ? top : 100) }), theme, { width: 600 });
      return axisLabelTexts(await view.toSVG()).find((labels) => labels.every((label) => /^[\d.,\s\u00a0\u202f]+$/.test(label)))!;
    };
    try {
      setDisplayLocale('es');
      assert.ok((await valueLabels(4000)).every((label) => /^\d+$/.test(label)), 'no separator below 10 000');
      const large = await valueLabels(40_000);
      assert.ok(large.includes('10.000') && large.includes('40.000'), large.join(' | '));
      setDisplayLocale('de');
      assert.ok((await valueLabels(4000)).includes('4.000'));
    } finally {
      setDisplayLocale('en');
    }
  });

  it('draws many buckets as one line per series, unstacked', async () => {
    const data = makeData({ buckets: 90, names: ['Alpha', 'Beta'] });
    const { view, vgSpec, warnings } = await renderChart(buildChartSpec(data, theme, { width: 800 }));
    assert.deepEqual(warnings, []);
    assert.equal(hasStackTransform(vgSpec), false);
    const lines = dataMarks(view, 'line');
    assert.equal(lines.length, 2);
    assert.deepEqual(lines.map((l) => l.items!.length), [90, 90]);
    assert.equal(dataItems(view, 'rect').length, 0);
    // Invisible hover points carry the tooltips.
    const points = dataItems(view, 'symbol');
    assert.equal(points.length, 180);
    assert.ok(points.every((p) => p['opacity'] === 0));
    // Unstacked: the scale reaches the largest single value (43), not the largest sum (56).
    assert.ok((view.scale('y').domain() as number[])[1]! < 56);
    assert.ok(90 * 2 <= HOVER_POINT_LIMIT);
  });

  it('draws more buckets than pixels from each group\u2019s low and high, keeping every peak', async () => {
    const buckets = 14_286;
    // A gentle wave with one spike and one dip that a plain thinning would likely miss.
    const value = (s: number, b: number): number | null => (b === 7_777 ? 5_000 : b === 12_345 ? -40 : b >= 3_000 && b < 3_020 ? null : 100 + s * 10 + (b % 17));
    const data = makeData({ buckets, names: ['Alpha', 'Beta'], step: HOUR, value });
    const rows = chartRows(data);
    const group = decimationGroupSize(buckets, LINE_DETAIL_LIMIT);
    assert.ok(rows.length <= 2 * 2 * Math.ceil(buckets / group), `${rows.length} rows`);
    for (const order of [0, 1]) {
      const own = rows.filter((r) => r.order === order);
      assert.deepEqual(own.map((r) => r.start), [...own.map((r) => r.start)].sort((a, b) => a - b), 'in time order');
      const values = own.map((r) => r.value).filter((v): v is number => v !== null);
      assert.equal(Math.max(...values), 5_000, 'the spike stays');
      assert.equal(Math.min(...values), -40, 'the dip stays');
      assert.ok(own.some((r) => r.value === null), 'a group without data leaves a gap');
    }
    assert.match(subtitleLines(data, {}).join(' '), new RegExp(`low and high of every ${group} buckets; the table has them all`));
    const { view, warnings } = await renderChart(buildChartSpec(data, theme, { width: 800 }));
    assert.deepEqual(warnings, []);
    assert.deepEqual(dataMarks(view, 'line').map((l) => l.items!.length), [rows.length / 2, rows.length / 2]);
    // Under a pixel-column budget, the few points left can carry tooltips again.
    assert.equal(dataItems(view, 'symbol').length, rows.filter((r) => r.value !== null).length);
  });

  it('keeps every bucket up to the detail limit', () => {
    const data = makeData({ buckets: LINE_DETAIL_LIMIT, names: ['Alpha'], step: HOUR });
    assert.equal(chartRows(data).length, LINE_DETAIL_LIMIT);
    assert.doesNotMatch(subtitleLines(data, {}).join(' '), /low and high/);
  });

  it('draws a non-additive metric as lines with markers, gaps where there is no data, never stacked', async () => {
    const data = makeData({ buckets: 7, names: ['eu', 'us'], combine: 'mean', value: (s, b) => (b === 3 ? null : 100 + s * 50 + b) });
    const { view, vgSpec, warnings } = await renderChart(buildChartSpec(data, theme, { width: 600 }));
    assert.deepEqual(warnings, []);
    assert.equal(hasStackTransform(vgSpec), false);
    assert.equal(dataItems(view, 'rect').length, 0);
    assert.equal(dataMarks(view, 'line').length, 2);
    const points = dataItems(view, 'symbol');
    assert.equal(points.length, 12, 'one visible marker per value, none for the empty bucket');
    assert.ok(points.every((p) => p['opacity'] === 1));
    // Each line breaks at the empty bucket: its item there is not "defined".
    for (const line of dataMarks(view, 'line')) {
      assert.equal(line.items!.filter((item) => item['defined'] === false).length, 1);
    }
    const tooltip = points[0]!['tooltip'] as Record<string, string>;
    assert.equal(tooltip['Time to first byte (mean)'], '100 ms');
    assert.equal((view.scale('y').domain() as number[])[0]! > 0, true, 'averages do not start the axis at zero');
  });

  it('draws a cumulative result as one labelled horizontal bar per series', async () => {
    const data = makeData({ buckets: 1, names: ['Dubbing', 'Text to speech', 'Agents'], cumulative: true, value: (s) => [1200, 3400, 56][s]! });
    const { view, warnings } = await renderChart(buildChartSpec(data, theme, { width: 600 }));
    assert.deepEqual(warnings, []);
    const bars = dataItems(view, 'rect');
    assert.equal(bars.length, 3);
    const labels = dataItems(view, 'text').map((t) => t['text']);
    assert.deepEqual([...labels].sort(), ['1,200', '3,400', '56']);
    // Horizontal: equal heights, widths in proportion to the values; sorted largest first from the top.
    const sorted = [...bars].sort((a, b) => (a['y'] as number) - (b['y'] as number));
    assert.deepEqual(
      sorted.map((b) => (b['datum'] as { series: string }).series),
      ['Text to speech', 'Dubbing', 'Agents'],
    );
    assert.ok(Math.abs((sorted[0]!['width'] as number) / (sorted[1]!['width'] as number) - 3400 / 1200) < 0.01);
    const svg = await view.toSVG();
    assert.ok(!svg.includes('role-legend'), 'the axis names the series; no legend');
  });

  it('renders to SVG with the series and their totals in the legend, the title and the note on whose days the bars are', async () => {
    const data = makeData({ buckets: 4, names: ['Alpha', 'Beta'], filledBuckets: 1 });
    const { view } = await renderChart(buildChartSpec(data, theme, { width: 600, breakdownLabel: 'Voice' }));
    const svg = await view.toSVG();
    assert.match(svg, /^<svg/);
    assert.ok(svg.includes('role-legend'));
    assert.ok(svg.includes('>Alpha \u2014 46<'), 'legend label with total');
    assert.ok(svg.includes('>Beta \u2014 86<'));
    assert.ok(svg.includes('>Credits by voice<'));
    assert.ok(svg.includes('Buckets are UTC days, as the API makes them, shown in UTC time'), 'the note says whose calendar the bars follow');
    assert.ok(svg.includes('1 empty bucket filled with 0'));
    assert.ok(svg.includes(theme.background), 'the background is painted');
  });

  it('renders an empty result without failing', async () => {
    const data = { ...makeData({ buckets: 0, names: [] }) };
    const { view } = await renderChart(buildChartSpec(data, theme, { width: 300 }));
    assert.equal(dataItems(view, 'rect').length, 0);
  });
});

describe('chart theme from CSS variables', () => {
  const dark: Record<string, string> = {
    '--vscode-editor-foreground': '#cccccc',
    '--vscode-editor-background': '#1f1f1f',
    '--vscode-descriptionForeground': '#9d9d9d',
    '--vscode-font-family': '"Segoe WPC", "Segoe UI", sans-serif',
    '--vscode-font-size': '13px',
    '--vscode-charts-foreground': '#cccccc',
    '--vscode-charts-lines': 'rgba(204, 204, 204, 0.5)',
    '--vscode-charts-red': '#f14c4c',
    '--vscode-charts-blue': '#3794ff',
    '--vscode-charts-yellow': '#cca700',
    '--vscode-charts-orange': '#d18616',
    '--vscode-charts-green': '#89d185',
    '--vscode-charts-purple': '#b180d7',
  };
  const reader = (vars: Record<string, string>) => (name: string) => vars[name] ?? '';

  it('reads a dark theme', () => {
    const t = buildChartTheme(reader(dark), 'dark');
    assert.equal(t.foreground, '#cccccc');
    assert.equal(t.background, '#1f1f1f');
    assert.equal(t.mutedForeground, '#9d9d9d');
    assert.equal(t.gridColor, 'rgba(204, 204, 204, 0.5)');
    assert.equal(t.fontFamily, '"Segoe WPC", "Segoe UI", sans-serif');
    assert.equal(t.fontSize, 13);
    assert.deepEqual(t.palette.slice(0, 6), ['#3794ff', '#d18616', '#89d185', '#f14c4c', '#b180d7', '#cca700']);
    assert.ok(t.palette.length >= 10);
    assert.equal(new Set(t.palette).size, t.palette.length, 'ten distinct colours');
  });

  it('reads a light theme and falls back per kind for what is missing', () => {
    const t = buildChartTheme(reader({ '--vscode-editor-foreground': '#3b3b3b', '--vscode-editor-background': '#ffffff', '--vscode-font-size': '14px' }), 'light');
    assert.equal(t.foreground, '#3b3b3b');
    assert.equal(t.background, '#ffffff');
    assert.equal(t.fontSize, 14);
    assert.equal(t.palette[0], '#1a85ff');
    assert.equal(t.mutedForeground, '#6e6e6e');
    const empty = buildChartTheme(() => '', 'light');
    assert.equal(empty.background, '#ffffff');
    assert.match(empty.fontFamily, /sans-serif/);
    assert.equal(empty.fontSize, 13);
  });

  it('keeps high contrast readable: full foreground for all text, contrast border for axes', () => {
    const hc = buildChartTheme(
      reader({ ...dark, '--vscode-editor-foreground': '#ffffff', '--vscode-editor-background': '#000000', '--vscode-contrastBorder': '#6fc3df' }),
      'high-contrast',
    );
    assert.equal(hc.mutedForeground, '#ffffff');
    assert.equal(hc.axisColor, '#6fc3df');
    assert.equal(hc.background, '#000000');
    const hcLight = buildChartTheme(reader({ '--vscode-editor-foreground': '#292929', '--vscode-contrastBorder': '#0f4a85' }), 'high-contrast-light');
    assert.equal(hcLight.mutedForeground, '#292929');
    assert.equal(hcLight.axisColor, '#0f4a85');
    assert.equal(hcLight.background, '#ffffff');
  });

  it('tells the theme kind from the body classes', () => {
    assert.equal(themeKindFromClasses(['vscode-light']), 'light');
    assert.equal(themeKindFromClasses(['vscode-dark']), 'dark');
    assert.equal(themeKindFromClasses(['vscode-dark', 'vscode-high-contrast']), 'high-contrast');
    assert.equal(themeKindFromClasses(['vscode-light', 'vscode-high-contrast-light']), 'high-contrast-light');
    assert.equal(themeKindFromClasses([]), 'dark');
  });

  it('refuses values that are not colours or sizes', () => {
    const t = buildChartTheme(reader({ '--vscode-editor-background': 'url(https://evil.example/x.png)', '--vscode-font-size': '2em' }), 'dark');
    assert.equal(t.background, '#1f1f1f');
    assert.equal(t.fontSize, 13);
    assert.equal(parsePixelSize(' 12.5px ', 13), 12.5);
    assert.equal(parsePixelSize('200px', 13), 13);
  });

  it('gives exports an opaque background', () => {
    assert.equal(opaqueBackground({ background: '#1e1e1e', kind: 'dark' }), '#1e1e1e');
    assert.equal(opaqueBackground({ background: 'transparent', kind: 'light' }), '#ffffff');
    assert.equal(opaqueBackground({ background: 'rgba(0, 0, 0, 0.5)', kind: 'dark' }), '#1f1f1f');
    assert.equal(opaqueBackground({ background: '#00000080', kind: 'dark' }), '#1f1f1f');
    assert.equal(opaqueBackground({ background: 'rgba(10, 10, 10, 1)', kind: 'dark' }), 'rgba(10, 10, 10, 1)');
  });
});

describe('data table model', () => {
  it('has a row per bucket, a column per series and a total column, and totals in the footer', () => {
    const data = makeData({ buckets: 3, names: ['A', 'B'], value: (s, b) => 1000 * (s + 1) + b });
    const model = buildTableModel(data, (ms) => `t${(ms - T0) / DAY}`);
    assert.deepEqual(model.columns, ['Bucket start (UTC)', 'A', 'B', 'Total']);
    assert.deepEqual(model.rows, [
      { header: 't0', cells: ['1,000', '2,000', '3,000'] },
      { header: 't1', cells: ['1,001', '2,001', '3,002'] },
      { header: 't2', cells: ['1,002', '2,002', '3,004'] },
    ]);
    assert.deepEqual(model.footer, { header: 'Total', cells: ['3,003', '6,003', '9,006'] });
    assert.match(model.caption, /^Credits, per bucket .*UTC/);
  });

  it('says in its caption what an empty cell shows, quoted as the language quotes', async () => {
    const data = { ...makeData({ buckets: 3, names: ['A'], combine: 'mean', value: (_s, b) => (b === 1 ? null : 5) }), missingValues: 1 };
    assert.match(buildTableModel(data, String).caption, / \(1 value ElevenLabs sent without a number left out: \u201c\u2013\u201d\)$/);
    const german = await inShippedLanguage('de', () => buildTableModel(data, String).caption);
    assert.match(german, / \(.+: \u201e\u2013\u201c\)$/);
    const french = await inShippedLanguage('fr', () => buildTableModel(data, String).caption);
    assert.match(french, / \(.+ : \u00ab \u2013 \u00bb\)$/);
  });

  it('with one series (no breakdown), has no total column repeating it; the footer has its total once', () => {
    const data = makeData({ buckets: 2, names: ['All'], value: (_s, b) => 10 + b });
    const model = buildTableModel(data, (ms) => `t${(ms - T0) / DAY}`);
    assert.deepEqual(model.columns, ['Bucket start (UTC)', 'All']);
    assert.deepEqual(model.rows, [
      { header: 't0', cells: ['10'] },
      { header: 't1', cells: ['11'] },
    ]);
    assert.deepEqual(model.footer, { header: 'Total', cells: ['21'] });
    const whole = buildTableModel(makeData({ buckets: 1, names: ['All'], cumulative: true }), () => 't');
    assert.deepEqual([whole.columns.length, whole.rows[0]!.cells.length, whole.footer.cells.length], [2, 1, 1]);
  });

  it('builds the table of a peak metric over the most buckets a chart has (no spread of 150,000 values into Math.max)', () => {
    const data = makeData({ buckets: 150_000, names: ['A', 'B'], combine: 'max', step: 60_000, value: (s, b) => (b === 77_777 && s === 1 ? 9_999 : s + (b % 5)) });
    const model = buildTableModel(data, () => 't');
    assert.equal(model.rows.length, 150_000);
    assert.deepEqual(model.footer.cells, ['4', '9,999', '9,999']);
  });

  it('shows missing values as a dash and combines non-additive metrics the way they combine', () => {
    const data = makeData({ buckets: 2, names: ['A', 'B'], combine: 'max', value: (s, b) => (b === 1 && s === 1 ? null : 10 * (s + 1) + b) });
    const model = buildTableModel(data, String);
    assert.deepEqual(model.columns.at(-1), 'Peak of series');
    assert.deepEqual(model.rows[1]!.cells, ['11', '\u2013', '11']);
    assert.deepEqual(model.footer, { header: 'Peak', cells: ['11', '20', '20'] });
  });

  it('has one row for a cumulative result', () => {
    const data = makeData({ buckets: 1, names: ['A', 'B'], cumulative: true, value: (s) => (s + 1) * 5 });
    const model = buildTableModel(data, () => 'x');
    assert.equal(model.rows.length, 1);
    assert.deepEqual(model.rows[0], { header: 'x \u2013 x', cells: ['5', '10', '15'] });
    assert.deepEqual(model.columns[0], 'Window');
  });
});

describe('an instant as the panel writes it', () => {
  afterEach(() => setDisplayLocale('en'));

  it('is written as the bucket labels are, in the display language, in the zone asked for (not the process\u2019s)', () => {
    // 15:14 UTC on 16 December 2026 is 04:59 the next day in Pacific/Chatham (UTC+13:45 in summer).
    const instant = Date.UTC(2026, 11, 16, 15, 14);
    inTimeZone('America/Los_Angeles', () => {
      assert.equal(dateTimeLabel(instant, 'Pacific/Chatham'), 'Thu, Dec 17, 2026, 4:59 AM');
      assert.equal(dateTimeLabel(instant, 'America/St_Johns'), 'Wed, Dec 16, 2026, 11:44 AM');
      assert.equal(dateTimeLabel(instant, 'UTC'), 'Wed, Dec 16, 2026, 3:14 PM');
    });
  });

  it('names a chart\u2019s window by its ends\u2019 dates, with their times unless midnight, in the display language', () => {
    // 00:00 on 29 November to 14:05 on 6 December in Kolkata (UTC+5:30).
    const start = Date.UTC(2026, 10, 28, 18, 30);
    const end = Date.UTC(2026, 11, 6, 8, 35);
    assert.equal(windowLabel(start, end, 'Asia/Kolkata'), 'Nov 29, 2026 \u2013 Dec 6, 2026, 2:05 PM (Asia/Kolkata)');
    setDisplayLocale('de');
    assert.equal(windowLabel(start, end, 'Asia/Kolkata'), '29. Nov. 2026 \u2013 6. Dez. 2026, 14:05 (Asia/Kolkata)');
  });

  it('is written on a 24-hour clock when the display language keeps one (German)', () => {
    setDisplayLocale('de');
    const instant = Date.UTC(2026, 11, 16, 15, 14);
    assert.equal(dateTimeLabel(instant, 'Pacific/Chatham'), 'Do., 17. Dez. 2026, 4:59');
    assert.equal(dateTimeLabel(instant, 'America/St_Johns'), 'Mi., 16. Dez. 2026, 11:44');
    assert.equal(dateTimeLabel(instant, 'UTC'), 'Mi., 16. Dez. 2026, 15:14');
  });
});
