// What the billing-period chart shows, from its figures: rendered headlessly as the webview renders it (the running
// total as a solid line, the limit as a rule, the projection dashed from the quota now to the reset, labelled with
// the tooltip's words; the time axis in the user's zone, not the process's), its table and its CSV and JSON exports
// with the running total and the projection marked as one, and the figures surviving the trip to the webview.
import * as assert from 'node:assert/strict';
import { billingPeriodSubtitle, limitLabel, projectionLabel, valueAxisTop } from '../../../src/chart/spec/billingPeriodSpec';
import { displayWidth } from '../../../src/chart/spec/lineBreaks';
import { plotChars } from '../../../src/chart/spec/textLayout';
import { buildChartSpec } from '../../../src/chart/spec/chartDrawings';
import { buildTableModel } from '../../../src/chart/table/tableModel';
import { buildChartTheme } from '../../../src/chart/drawn/theme';
import { PROJECTION_ROW, RUNNING_TOTAL, toCsv, toJson } from '../../../src/usage/exportFormats';
import { asBillingPeriodQuery } from '../../../src/usage/kinds/billingPeriodKind';
import { parseChartData } from '../../../src/page/hostMessages';
import { billingData, DAY, KIRITIMATI, NOW, PERIOD_START, periodData, RESET } from '../helpers/billingPeriodData';
import { inTimeZone } from '../helpers/timeZone';
import { dataItems, dataMarks, renderAsWebview, renderChart, timeAxisLabels, type SceneNode } from '../helpers/vegaRender';
import { setDisplayLocale } from '../../../src/shared/locale/displayLocale';

function texts(items: readonly SceneNode[]): string[] {
  return items.map((t) => t['text']).flatMap((t) => (Array.isArray(t) ? t.map(String) : [String(t)]));
}

describe('the billing-period chart, as shown', () => {
  for (const kind of ['dark', 'light'] as const) {
    it(`draws the running total, the limit as a rule and the projection dashed to the reset (${kind} theme)`, async () => {
      const data = billingData();
      const figures = data.billingPeriod!;
      const theme = buildChartTheme(() => '', kind);
      // The process sits in Adak (UTC-10): the chart must still be drawn on Kiritimati's clock.
      const { view, warnings } = await inTimeZone('America/Adak', () => renderChart(buildChartSpec(data, theme, { width: 700, availableWidth: 800 })));
      assert.deepEqual(warnings, []);
      const x = view.scale('x') as (value: Date | number) => number;
      const y = view.scale('y') as (value: number) => number;
      // The x axis runs from the period's start to its reset, as wall-clock times in the user's zone.
      const domain = (view.scale('x').domain() as Date[]).map((d) => d.getTime());
      assert.deepEqual(domain, [Date.UTC(2026, 10, 17, 22, 14, 26), Date.UTC(2026, 11, 17, 22, 14, 26)]);

      const lines = dataMarks(view, 'line');
      const solid = lines.find((l) => l.items?.[0]?.['strokeDash'] === undefined)!;
      const dashed = lines.find((l) => Array.isArray(l.items?.[0]?.['strokeDash']))!;
      assert.ok(solid && dashed, 'a solid line and a dashed one');
      assert.equal(lines.length, 2);
      // The running total: 0 at the period's start, then the end of each local day.
      assert.deepEqual(
        solid.items!.map((p) => Math.round(p['y'] as number)),
        [0, ...figures.runningTotal].map((v) => Math.round(y(v))),
      );
      assert.equal(Math.round(solid.items![1]!['x'] as number), Math.round(x(Date.UTC(2026, 10, 18))), 'the first day ends at midnight in Kiritimati');
      // The projection: from the quota's figure now to 177,810 at the reset.
      assert.deepEqual(dashed.items!.map((p) => Math.round(p['y'] as number)), [Math.round(y(40_000)), Math.round(y(figures.projection!.creditsAtReset))]);
      assert.deepEqual(dashed.items!.map((p) => Math.round(p['x'] as number)), [Math.round(x(KIRITIMATI.wallClockAsUtc(NOW))), Math.round(x(KIRITIMATI.wallClockAsUtc(RESET)))]);
      // The limit: one rule across the plot at 100,000.
      const rules = dataItems(view, 'rule');
      assert.equal(rules.length, 1);
      assert.equal(Math.round(rules[0]!['y'] as number), Math.round(y(100_000)));
      const across = [rules[0]!['x'], rules[0]!['x2']].map(Number).sort((a, b) => a - b);
      assert.deepEqual(across, [0, view.width()], 'across the whole plot');
      // The labels: the limit, and the tooltip's projection words.
      const labels = texts(dataItems(view, 'text'));
      assert.ok(labels.includes('Limit: 100,000 credits'), labels.join(' | '));
      assert.ok(labels.includes('At this pace: 178% of the quota by the reset,'), labels.join(' | '));
      assert.ok(labels.includes('running out on Dec 4, 2026'), labels.join(' | '));
      // The projection's words end above the dashed line's end, not across it.
      const words = dataItems(view, 'text').find((t) => Array.isArray(t['text']) && String((t['text'] as string[])[0]).startsWith('At this pace'))!;
      const bounds = words['bounds'] as { y2: number };
      assert.ok(bounds.y2 < y(figures.projection!.creditsAtReset), `the label ends at ${bounds.y2}, the line at ${y(figures.projection!.creditsAtReset)}`);
      // Where it runs out: a marker on the limit, Dec 4 at 23:00 in Kiritimati.
      const marker = dataItems(view, 'symbol').find((s) => s['shape'] === 'diamond')!;
      assert.equal(Math.round(marker['x'] as number), Math.round(x(KIRITIMATI.wallClockAsUtc(NOW + 10 * DAY))));
      // The subtitle says what the lines are, and the tooltip's lines.
      const svg = await view.toSVG();
      for (const words of ['Dashed: a projection at this pace, not usage', '40,000 of 100,000 credits used (40%)', 'Resets in 23 days, on Dec 17, 2026']) {
        assert.ok(svg.includes(words), words);
      }
    });
  }

  it('names the days on its axis as the display language writes them, on the user\u2019s calendar', async () => {
    const data = billingData();
    try {
      for (const [locale, day, first] of [
        ['en', /^(Nov|Dec) \d{1,2}$/, 'Nov 18'],
        ['de', /^\d{1,2}\. (Nov|Dez)\.$/, '18. Nov.'],
        ['ja', /^1[12]月\d{1,2}日$/, '11月18日'],
      ] as const) {
        setDisplayLocale(locale);
        // The process sits in Adak (UTC-10); the period starts at 22:14 on 17 November in Kiritimati (UTC+14).
        const view = await inTimeZone('America/Adak', () => renderAsWebview(data, buildChartTheme(() => '', 'dark'), { width: 700, availableWidth: 800 }));
        const labels = timeAxisLabels(await view.toSVG());
        assert.ok(labels.length >= 4 && labels.every((label) => day.test(label)), `${locale}: ${labels.join(' | ')}`);
        assert.equal(labels[0], first, `${locale}: the period's first midnight, 18 November`);
      }
    } finally {
      setDisplayLocale('en');
    }
  });

  it('labels the limit and the projection as the tooltip words them', () => {
    const figures = billingData().billingPeriod!;
    assert.equal(limitLabel(figures), 'Limit: 100,000 credits');
    assert.deepEqual(projectionLabel(figures), ['At this pace: 178% of the quota by the reset,', 'running out on Dec 4, 2026']);
    const { runsOut: _gone, runsOutAtMs: _never, ...lasting } = figures.projection!;
    assert.deepEqual(projectionLabel({ projection: { ...lasting, headline: 'At this pace: 80% of the quota by the reset' } }), ['At this pace: 80% of the quota by the reset']);
    assert.deepEqual(projectionLabel({}), []);
  });

  it('draws the limit and no projection when there is no pace yet', async () => {
    const data = billingData();
    const { projection: _none, ...figures } = data.billingPeriod!;
    const { view, warnings } = await renderChart(buildChartSpec({ ...data, billingPeriod: figures }, buildChartTheme(() => '', 'dark'), { width: 500 }));
    assert.deepEqual(warnings, []);
    assert.equal(dataMarks(view, 'line').length, 1);
    assert.equal(dataItems(view, 'rule').length, 1);
  });

  it('has a table with the running total, and the projection as a last row that says it is one', () => {
    const data = billingData();
    const table = buildTableModel(data, (ms) => KIRITIMATI.formatDateTime(ms));
    assert.equal(table.columns.at(-1), 'Running total');
    assert.equal(table.rows.length, 9);
    assert.deepEqual(table.rows.slice(0, 8).map((r) => r.cells.at(-1)), ['5,000', '10,000', '15,000', '20,000', '25,000', '30,000', '35,000', '40,000']);
    const last = table.rows[8]!;
    assert.match(last.header, /^At the reset, .*: a projection at this pace \(178% of the quota\), not usage$/);
    assert.equal(last.cells.at(-1), '177,810');
    assert.ok(last.cells.slice(0, -1).every((c) => c === '\u2013'), 'no usage in a projection');
    // The period's total once: under the day's credits, not again under the running total (whose last day has it).
    assert.deepEqual(table.footer.cells, ['40,000', '']);
    assert.match(table.caption, /the last row is a projection/);
  });

  it('exports the running total, and the projection marked as one, in CSV and JSON', () => {
    const data = billingData();
    const csv = toCsv(data).replace(/^\ufeff/, '').trimEnd().split('\r\n');
    assert.equal(csv[0], `start (Pacific/Kiritimati),end (Pacific/Kiritimati),start_unix_ms,end_unix_ms,bucket,All,Total,${RUNNING_TOTAL}`);
    assert.equal(csv.length, 10);
    assert.deepEqual(csv.slice(1, 9).map((r) => r.split(',').at(-1)), ['5000', '10000', '15000', '20000', '25000', '30000', '35000', '40000']);
    assert.match(csv[1]!, /^2026-11-17T22:14:26.000\+14:00,2026-11-18T00:00:00.000\+14:00,/);
    assert.equal(csv[9], `2026-11-24T23:00:00.000+14:00,2026-12-17T22:14:26.000+14:00,${NOW},${RESET},"${PROJECTION_ROW}",,,177810`);

    const query = asBillingPeriodQuery({ startUnix: PERIOD_START, endUnix: NOW, aggregationInterval: 'day', breakdownType: 'none', metric: 'credits', includeWorkspaceMetrics: true });
    const json = JSON.parse(toJson(data, query, NOW)) as { query: unknown; billingPeriod: Record<string, unknown> & { projection: Record<string, unknown> } };
    assert.deepEqual(json.query, query);
    assert.deepEqual(json.billingPeriod['runningTotal'], [5000, 10_000, 15_000, 20_000, 25_000, 30_000, 35_000, 40_000]);
    assert.equal(json.billingPeriod['startLocal'], '2026-11-17T22:14:26.000+14:00');
    assert.equal(json.billingPeriod['limit'], 100_000);
    assert.equal(json.billingPeriod.projection['note'], 'A projection at this pace to the reset, not usage.');
    assert.equal(json.billingPeriod.projection['runsOutLocal'], '2026-12-04T23:00:00.000+14:00');
    assert.equal(json.billingPeriod.projection['headline'], 'At this pace: 178% of the quota by the reset');
  });

  it('has other charts\u2019 exports unchanged: no running total', () => {
    const plain = periodData();
    assert.ok(!toCsv(plain).includes(RUNNING_TOTAL));
    assert.ok(!('billingPeriod' in JSON.parse(toJson(plain, asBillingPeriodQuery({ startUnix: 0, endUnix: 1, aggregationInterval: 'day', breakdownType: 'none', metric: 'credits', includeWorkspaceMetrics: true }), NOW))));
  });

  it('reaches the webview whole, and a message with broken figures is refused there', () => {
    const data = billingData();
    assert.deepEqual(parseChartData(JSON.parse(JSON.stringify(data))), data);
    const broken = { ...data, billingPeriod: { ...data.billingPeriod!, runningTotal: [1] } };
    assert.equal(parseChartData(JSON.parse(JSON.stringify(broken))), undefined);
  });

  it('breaks a subtitle sentence longer than the panel at its spaces, so none is cut off', () => {
    const data = billingData();
    const figures = { ...data.billingPeriod!, words: { ...data.billingPeriod!.words, notes: ['The quota counts 91,000 credits; the usage figures add up to 33,299, and the projection starts from the quota\u2019s figure'] } };
    const lines = billingPeriodSubtitle(data, figures, { availableWidth: 400 });
    const limit = Math.floor((400 - 40) / (12 * 0.55));
    assert.ok(lines.every((line) => line.length <= limit), JSON.stringify(lines));
    assert.equal(lines.join(' ').replace(/ \u00b7 /g, ' ').includes('the usage figures add up to 33,299, and the projection starts from the quota\u2019s figure'), true);
  });

  it('fits the projection’s words to a narrow plot, in even lines, and makes room above for them', () => {
    const figures = billingData().billingPeriod!;
    const wide = projectionLabel(figures, { availableWidth: 900 }, 13);
    assert.deepEqual(wide, ['At this pace: 178% of the quota by the reset,', 'running out on Dec 4, 2026'], 'the tooltip’s two lines where they fit');
    const narrow = projectionLabel(figures, { availableWidth: 300 }, 13);
    const limit = plotChars({ availableWidth: 300 }, 13);
    assert.ok(narrow.length > 2 && narrow.every((line) => displayWidth(line) <= limit), JSON.stringify(narrow));
    assert.equal(narrow.join(' '), wide.join(' '), 'every word, in order');
    const widths = narrow.map(displayWidth);
    assert.ok(Math.min(...widths) >= Math.max(...widths) / 2, `no word alone on a line: ${JSON.stringify(narrow)}`);
    // The value axis' top: the highest figure, with room for the label's lines above it (a fifth of the plot at most).
    assert.ok(valueAxisTop(100, 4, 18, 300) > valueAxisTop(100, 2, 18, 300));
    assert.equal(valueAxisTop(100, 0, 18, 300), 118, 'as before with no label');
    assert.equal(valueAxisTop(100, 40, 18, 300), 125, 'a fifth of the plot at most');
  });
});
