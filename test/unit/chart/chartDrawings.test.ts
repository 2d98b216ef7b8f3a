// The spec side asks the data which drawing it gets (src/chart/spec/chartDrawings.ts): a billing period's figures
// get the billing-period chart, anything else the usage chart, and the layout's subtitle is the drawn one.
import * as assert from 'node:assert/strict';
import { buildChartSpec, chartSubtitle } from '../../../src/chart/spec/chartDrawings';
import { buildChartTheme } from '../../../src/chart/drawn/theme';
import { billingData, periodData } from '../helpers/billingPeriodData';
import { makeChartData } from '../helpers/chartData';

const theme = buildChartTheme(() => '', 'dark');

function titleOf(spec: unknown): { text: string; subtitle: string[] } {
  return (spec as { title: { text: string; subtitle: string[] } }).title;
}

describe('the drawing a chart’s data gets', () => {
  it('draws data with a billing period’s figures as the billing period, and the same days without them as usage', () => {
    assert.equal(titleOf(buildChartSpec(billingData(), theme)).text, 'Credits this billing period');
    assert.notEqual(titleOf(buildChartSpec(periodData(), theme)).text, 'Credits this billing period');
    assert.notEqual(titleOf(buildChartSpec(makeChartData({ buckets: 7, names: ['A', 'B'] }), theme)).text, 'Credits this billing period');
  });

  it('gives the layout the subtitle the chart shows, for each drawing and width', () => {
    for (const data of [billingData(), periodData(), makeChartData({ buckets: 30, names: ['A', 'B', 'C'], filledBuckets: 2 })]) {
      for (const availableWidth of [280, 700]) {
        const options = { availableWidth, width: availableWidth };
        assert.deepEqual(chartSubtitle(data, options), titleOf(buildChartSpec(data, theme, options)).subtitle);
      }
    }
  });
});
