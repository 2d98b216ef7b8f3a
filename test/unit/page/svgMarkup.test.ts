import * as assert from 'node:assert/strict';
import { buildChartSpec } from '../../../src/chart/spec/chartDrawings';
import { unsafeSvgMarkup } from '../../../src/page/svgMarkup';
import { buildChartTheme } from '../../../src/chart/drawn/theme';
import type { ChartData } from '../../../src/usage/chartData';
import { parseWebviewMessage } from '../../../src/page/protocol';
import { billingData } from '../helpers/billingPeriodData';
import { makeChartData } from '../helpers/chartData';
import { renderChart } from '../helpers/vegaRender';

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

/** Local days in Kolkata with series `s` at s + b + 1 on day b, or their whole window as one figure. */
function data(names: readonly string[], buckets: number, cumulative = false): ChartData {
  return makeChartData({
    ...(cumulative ? { buckets: 1, step: buckets * DAY, cumulative } : { buckets, description: { kind: 'local', unit: 'day' } as const }),
    names,
    start: T0,
    value: (s, b) => s + b + 1,
    timeZone: 'Asia/Kolkata',
  });
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

  it('passes the billing-period chart too, in both themes (its running total, projection and limit rule)', async () => {
    for (const kind of ['dark', 'light'] as const) {
      const { view } = await renderChart(buildChartSpec(billingData(), buildChartTheme(() => '', kind), { width: 500 }));
      assert.equal(unsafeSvgMarkup(await view.toSVG()), undefined);
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
      [wrap('<rect style="fill: url(https://example.com/x)"/>'), /a reference out of the image in the style attribute/],
      [wrap('<rect style="fill: \\75rl(https://example.com/x)"/>'), /a style that loads something/],
      [wrap('<rect style="@import \'https://example.com/x.css\'"/>'), /a style that loads something/],
      [wrap('<rect style="background-image:image-set(\'https://example.com/p.png\' 1x)"/>'), /a style that loads something/],
      [wrap('<rect style="background-image:-webkit-image-set(&quot;https://example.com/p.png&quot; 1x)"/>'), /a style that loads something/],
      [wrap('<rect style="cursor:image-set(\'https://example.com/c.png\' 1x), auto"/>'), /a style that loads something/],
      [wrap('<rect style="mix-blend-mode: multiply; src: (\'https://example.com/f.woff\')"/>'), /a style that loads something/],
      [wrap('<rect style="fill: red"/>'), /a style that loads something, or that a chart never has/],
      [wrap('<rect fill="url(https://example.com/pattern.svg#p)"/>'), /a reference out of the image in the fill attribute/],
      [wrap('<rect fill="URL( \'//example.com/p\' )"/>'), /a reference out of the image in the fill attribute/],
      [wrap('<rect fill="u&#114;l(https://example.com/p)"/>'), /a reference out of the image in the fill attribute/],
      [wrap('<rect fill="url(#a) url(https://example.com/p)"/>'), /a reference out of the image/],
      [wrap('<rect mask="url(#m)"/>'), /a mask attribute, which a chart never has/],
      [wrap('<rect filter="url(#f)"/>'), /a filter attribute, which a chart never has/],
      [wrap('<g><path xl:href="https://example.com/x" xmlns:xl="http://www.w3.org/1999/xlink"/></g>'), /a prefixed attribute \(xl:href\)/],
      [wrap('<path xlink:href="&#x68;ttps://example.com/x"/>'), /a link out of the image \(xlink:href\)/],
      [wrap('<rect/>', ' xmlns:xlink="https://example.com/not-xlink"'), /an unexpected namespace \(xmlns:xlink\)/],
      [wrap('<rect/>', ' xml:base="https://example.com/"'), /a prefixed attribute \(xml:base\)/],
      [`<?xml-stylesheet href="https://example.com/x.css"?>` + wrap('<rect/>'), /no <svg> element at the start/],
      [`<?xml version="1.0"?><?xml-stylesheet href="https://example.com/x.css"?>` + wrap('<rect/>'), /no <svg> element at the start/],
      [wrap('<rect/><?xml-stylesheet href="x.css"?>'), /a declaration or processing instruction inside the image/],
      [wrap('<!-- x --><rect/>'), /a comment/],
      [`<!DOCTYPE svg><svg></svg>`, /a declaration|no <svg>/],
      ['<html><svg></svg></html>', /no <svg> element at the start/],
      [wrap('<rect width=10 />'), /an unquoted attribute value/],
      [wrap('<rect aria-label="a<b"/>'), /a "<" inside the aria-label attribute/],
    ];
    for (const [svg, reason] of cases) {
      assert.match(unsafeSvgMarkup(svg) ?? 'accepted', reason, svg);
      assert.equal(parseWebviewMessage({ type: 'exportImage', format: 'svg', data: svg }), undefined, svg);
    }
    assert.equal(unsafeSvgMarkup(wrap('<defs><clipPath id="c"><rect/></clipPath></defs><g clip-path="url(#c)"><text>javascript: onload = "x"</text></g>')), undefined);
    assert.equal(unsafeSvgMarkup('<?xml version="1.0" encoding="utf-8"?>\n' + wrap('<rect/>')), undefined);
    assert.equal(unsafeSvgMarkup(wrap('<g style="mix-blend-mode: multiply;"><rect style="image-rendering: pixelated;"/></g>')), undefined);
    assert.equal(unsafeSvgMarkup(wrap('<rect fill="url( \'#grad-1\' )" aria-label="Credits &amp; characters" aria-roledescription="bar"/>', ' xmlns:xlink="http://www.w3.org/1999/xlink"')), undefined);
  });
});
