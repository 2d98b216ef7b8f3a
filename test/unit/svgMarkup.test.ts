import * as assert from 'node:assert/strict';
import { buildChartSpec } from '../../src/chart/spec';
import { unsafeSvgMarkup } from '../../src/chart/svgMarkup';
import { buildChartTheme } from '../../src/chart/theme';
import type { ChartData } from '../../src/usage/chartData';
import { parseWebviewMessage } from '../../src/protocol';
import { renderChart } from './helpers/vegaRender';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 2);

/** Series names a real workspace may have, and ones written to look like markup. */
export const AWKWARD_NAMES = [
  'take one = final',
  'javascript voice',
  'Ünïcødé 日本語 🎙️ مرحبا',
  '"quoted" & \'single\'',
  'onload=alert(1)',
  '<script>alert(1)</script>',
  '</text><foreignObject><iframe src="javascript:alert(1)"></iframe></foreignObject>',
  'javascript:alert(1)',
  '=HYPERLINK("https://example.com")',
];

function data(names: readonly string[], buckets: number, cumulative = false): ChartData {
  const time = Array.from({ length: cumulative ? 1 : buckets }, (_, i) => T0 + i * DAY);
  return {
    time,
    ends: time.map((t) => t + (cumulative ? buckets * DAY : DAY)),
    partial: time.map(() => null),
    buckets: cumulative ? { kind: 'api', reason: 'whole', interval: 'cumulative' } : { kind: 'local', unit: 'day' },
    series: names.map((name, s) => ({ name, values: time.map((_, b) => s + b + 1), total: time.reduce((sum, _, b) => sum + s + b + 1, 0) })),
    metric: 'credits',
    metricLabel: 'Credits',
    unit: 'credits',
    combine: 'sum',
    cumulative,
    filledBuckets: 0,
    missingValues: 0,
    foldedSeries: 0,
    startUnix: T0,
    endUnix: T0 + buckets * DAY - 1,
    timeZone: 'Asia/Kolkata',
  };
}

describe('SVG export markup check', function () {
  this.timeout(30_000);

  it('passes the charts Vega draws, whatever the series are called', async () => {
    const theme = buildChartTheme(() => '', 'dark');
    for (const chart of [data(AWKWARD_NAMES, 7), data(AWKWARD_NAMES, 90), data(AWKWARD_NAMES, 1, true)]) {
      const { view } = await renderChart(buildChartSpec(chart, theme, { width: 700, breakdownLabel: 'Voice' }));
      const svg = await view.toSVG();
      assert.equal(unsafeSvgMarkup(svg), undefined);
      assert.equal(parseWebviewMessage({ type: 'exportImage', format: 'svg', data: svg })?.type, 'exportImage', 'the host takes it');
      // The names are in the image, as text.
      assert.ok(svg.includes('take one = final'));
      assert.ok(svg.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    }
  });

  it('refuses what a chart never has, and says what', () => {
    const wrap = (inner: string, attributes = ''): string => `<svg xmlns="http://www.w3.org/2000/svg"${attributes}>${inner}</svg>`;
    const cases: Array<[string, RegExp]> = [
      [wrap('<script>alert(1)</script>'), /a <script> element/],
      [wrap('<SCRIPT href="x.js"/>'), /a <SCRIPT> element/],
      [wrap('<text>x</text>', ' onload="alert(1)"'), /an event handler attribute \(onload\)/],
      [wrap('<rect OnClick = \'alert(1)\' />'), /an event handler attribute \(OnClick\)/],
      [wrap('<a href="javascript:alert(1)"><text>x</text></a>'), /a <a> element/],
      [wrap('<g><path xlink:href="https://example.com/x"/></g>'), /a link out of the image \(xlink:href\)/],
      [wrap('<foreignObject><body/></foreignObject>'), /a <foreignObject> element/],
      [wrap('<rect style="fill: url(https://example.com/x)"/>'), /a style that loads something/],
      [wrap('<!-- x --><rect/>'), /a comment/],
      [`<!DOCTYPE svg><svg></svg>`, /a declaration|no <svg>/],
      ['<html><svg></svg></html>', /no <svg> element at the start/],
      [wrap('<rect width=10 />'), /an unquoted attribute value/],
      [wrap('<rect title="a<b"/>'), /a "<" inside the title attribute/],
    ];
    for (const [svg, reason] of cases) {
      assert.match(unsafeSvgMarkup(svg) ?? 'accepted', reason, svg);
      assert.equal(parseWebviewMessage({ type: 'exportImage', format: 'svg', data: svg }), undefined, svg);
    }
    assert.equal(unsafeSvgMarkup(wrap('<defs><clipPath id="c"><rect/></clipPath></defs><g clip-path="url(#c)"><text>javascript: onload = "x"</text></g>')), undefined);
    assert.equal(unsafeSvgMarkup('<?xml version="1.0" encoding="utf-8"?>\n' + wrap('<rect/>')), undefined);
  });
});
