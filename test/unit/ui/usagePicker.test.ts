// The Show Usage picker's paths, with scripted answers in place of VS Code's quick input: each step asked,
// with what it preselects, and Back, a custom range, a bucket size and the remembered answers.
import * as assert from 'node:assert/strict';
import { Back, type StepChoice, type StepInput } from '../../../src/ui/picker/stepInput';
import { pickUsageQuery, type PickerContext } from '../../../src/ui/picker/usagePicker';
import type { PanelQuery } from '../../../src/usage/query/panelQuery';
import { ZonedCalendar } from '../../../src/usage/calendar/timeZone';

const NOW = Date.UTC(2026, 10, 24, 9); // 14:30 on Tue 24 Nov in Kolkata
const BACK = Symbol('back');

/** One scripted answer: to a pick, a value; to an input, a text (checked by the step's own validation). */
type Answer = unknown;

interface Asked {
  readonly step: number;
  readonly kind: 'pick' | 'input';
  readonly question: string;
  /** For a pick: the value preselected. For an input: the prefilled text. */
  readonly preset: unknown;
  readonly labels?: readonly string[];
  /** For a pick: each item as it reads beside its label, and under it. */
  readonly descriptions?: ReadonlyArray<string | undefined>;
  readonly details?: ReadonlyArray<string | undefined>;
}

function scripted(answers: Answer[]): { steps: StepInput; asked: Asked[]; told: string[]; rejected: string[] } {
  const asked: Asked[] = [];
  const told: string[] = [];
  const rejected: string[] = [];
  const next = (): Answer => {
    assert.ok(answers.length > 0, `a step was asked that the script does not answer: ${JSON.stringify(asked.at(-1))}`);
    return answers.shift();
  };
  const steps: StepInput = {
    async pick<T>(step: number, placeholder: string, items: ReadonlyArray<StepChoice<T>>, active: T | undefined) {
      asked.push({ step, kind: 'pick', question: placeholder, preset: active, labels: items.map((i) => i.label), descriptions: items.map((i) => i.description), details: items.map((i) => i.detail) });
      const answer = next();
      if (answer === BACK) {
        throw new Back();
      }
      if (answer === undefined) {
        return undefined;
      }
      assert.ok(items.some((i) => i.value === answer), `${String(answer)} is offered at step ${step}`);
      return answer as T;
    },
    async input(step, prompt, value, validate) {
      asked.push({ step, kind: 'input', question: prompt, preset: value });
      // A person types until the box accepts: every refused text is recorded with its message.
      for (;;) {
        const answer = next();
        if (answer === BACK) {
          throw new Back();
        }
        if (answer === undefined) {
          return undefined;
        }
        const problem = validate(String(answer));
        if (problem === undefined) {
          return String(answer);
        }
        rejected.push(problem);
      }
    },
    inform: (message) => told.push(message),
  };
  return { steps, asked, told, rejected };
}

function context(steps: StepInput, stored: unknown = undefined, zone = 'Asia/Kolkata'): { ctx: PickerContext; saved: PanelQuery[] } {
  const saved: PanelQuery[] = [];
  return {
    saved,
    ctx: { steps, store: { get: () => stored, update: async (q) => void saved.push(q) }, calendar: ZonedCalendar.for(zone), now: () => NOW, locale: 'en-US' },
  };
}

describe('the Show Usage picker', () => {
  it('asks six steps, preselecting what suits a first use, and remembers the answers', async () => {
    const { steps, asked } = scripted(['last7Days', 'day', 'characterStats', 'voice', 'tts_characters', false]);
    const { ctx, saved } = context(steps);
    const query = await pickUsageQuery(ctx);
    assert.deepEqual(asked.map((a) => [a.step, a.preset]), [[1, 'last7Days'], [2, 'day'], [3, 'characterStats'], [4, 'none'], [5, 'credits'], [6, false]]);
    assert.equal(asked[0]!.question, 'Which time window? (Asia/Kolkata)');
    assert.deepEqual(query, {
      preset: 'last7Days',
      startUnix: Date.UTC(2026, 10, 17, 18, 30),
      endUnix: NOW,
      aggregationInterval: 'day',
      breakdownType: 'voice',
      metric: 'tts_characters',
      includeWorkspaceMetrics: false,
    });
    assert.deepEqual(saved, [query]);
  });

  it('goes back one step at a time, keeping the answers given', async () => {
    // Back at the metric, the breakdown and the source: the grouping is asked again with "weekly" preselected.
    const { steps, asked } = scripted(['last30Days', 'week', 'characterStats', 'model', BACK, BACK, BACK, 'day', 'characterStats', 'model', 'credits', true]);
    const { ctx } = context(steps);
    const query = await pickUsageQuery(ctx);
    assert.deepEqual(asked.map((a) => a.step), [1, 2, 3, 4, 5, 4, 3, 2, 3, 4, 5, 6]);
    assert.equal(asked[7]!.preset, 'week', 'the earlier answer is preselected');
    assert.equal(asked[9]!.preset, 'model');
    assert.equal(query?.aggregationInterval, 'day');
    assert.equal(query?.includeWorkspaceMetrics, true);
  });

  it('comparing accounts, offers no billing period and asks no breakdown, Back passing over it both ways', async () => {
    const { steps, asked } = scripted(['last30Days', 'week', 'characterStats', 'credits', BACK, BACK, 'characterStats', 'tts_characters', true]);
    const { ctx } = context(steps, { preset: 'last7Days', startUnix: 0, endUnix: 1, breakdownType: 'voice', metric: 'credits', includeWorkspaceMetrics: true });
    const query = await pickUsageQuery({ ...ctx, comparing: true });
    assert.deepEqual(asked.map((a) => a.step), [1, 2, 3, 5, 6, 5, 3, 5, 6]);
    assert.ok(!asked[0]!.labels!.includes('This billing period'), 'one account\u2019s quota is not offered');
    assert.ok(asked[0]!.labels!.includes('Last 30 days'));
    assert.equal(query?.breakdownType, 'none', 'the remembered breakdown is not used');
    assert.equal(query?.metric, 'tts_characters');
    const analytics = scripted(['last7Days', 'day', 'analytics', 'done']);
    const picked = await pickUsageQuery({ ...context(analytics.steps, { preset: 'last7Days', startUnix: 0, endUnix: 1, breakdownType: 'none', metric: 'credits', includeWorkspaceMetrics: true, source: 'analytics', groupBy: ['model'] }).ctx, comparing: true });
    assert.deepEqual(analytics.asked.map((a) => a.step), [1, 2, 3, 5]);
    assert.equal(picked?.groupBy, undefined, 'the remembered grouping is not used');
  });

  it('takes a custom range: Back from the end returns to the start, from the start to the list', async () => {
    const { steps, asked, rejected } = scripted([
      'custom',
      BACK, // from the start: back to the windows
      'custom',
      '2026-12-01', // in the future: refused, typed again
      '1026-11-01', // a typo in the year: refused as one
      '2026-11-01',
      BACK, // from the end: back to the start, prefilled with what was typed
      '2026-11-02',
      '2026-11-01', // before the start: refused
      '2026-11-10',
      'day',
      'characterStats',
      'none',
      'credits',
      false,
    ]);
    const { ctx } = context(steps);
    const query = await pickUsageQuery(ctx);
    assert.deepEqual(asked.slice(0, 6).map((a) => [a.step, a.kind]), [[1, 'pick'], [1, 'input'], [1, 'pick'], [1, 'input'], [1, 'input'], [1, 'input']]);
    assert.equal(asked[4]!.preset, '2026-11-24', 'the end is prefilled with today');
    assert.equal(asked[5]!.preset, '2026-11-01', 'back at the start, with what was typed');
    assert.deepEqual(rejected, [
      'The start is in the future: there is no usage to show yet. Pick a start today or earlier.',
      '1026 is years before ElevenLabs had any usage (2022): check the year.',
      'The end is before the start: pick an end date on or after the start date.',
    ]);
    assert.equal(query?.preset, undefined);
    assert.deepEqual([query?.startUnix, query?.endUnix], [Date.UTC(2026, 10, 1, 18, 30), Date.UTC(2026, 10, 10, 18, 30) - 1], 'Nov 2 to Nov 10 in Kolkata, whole days');
  });

  it('says so when a custom start falls in a DST gap', async () => {
    const { steps, told } = scripted(['custom', '2026-03-29 02:30', '2026-03-30', 'hour', 'characterStats', 'none', 'credits', false]);
    const { ctx } = context(steps, undefined, 'Europe/Berlin');
    const query = await pickUsageQuery(ctx);
    assert.equal(query?.startUnix, Date.UTC(2026, 2, 29, 1, 30), '03:30 CEST');
    assert.deepEqual(told, ['2026-03-29 02:30 does not exist in Europe/Berlin (the clocks went forward 60 minutes then): using 2026-03-29 03:30.']);
  });

  it('takes a bucket size in seconds; Back from it returns to the groupings', async () => {
    const { steps, asked, rejected } = scripted(['today', 'bucket', BACK, 'bucket', '0', '90 minutes', '5400', 'characterStats', 'none', 'credits', false]);
    const { ctx } = context(steps);
    const query = await pickUsageQuery(ctx);
    assert.deepEqual(asked.slice(1, 5).map((a) => [a.step, a.kind]), [[2, 'pick'], [2, 'input'], [2, 'pick'], [2, 'input']]);
    assert.equal(asked[2]!.preset, '900', 'a size that suits the 14.5 hours of today so far: 58 buckets');
    assert.equal(rejected.length, 2);
    assert.equal(query?.aggregationBucketSize, 5400);
    assert.equal(query?.aggregationInterval, undefined);
  });

  it('starts from the remembered answers, and proposes the grouping that suits a changed window', async () => {
    const last: PanelQuery = { preset: 'last12Months', startUnix: 1, endUnix: 2, aggregationInterval: 'month', breakdownType: 'model', metric: 'credits', includeWorkspaceMetrics: true };
    const { steps, asked } = scripted(['last12Months', 'month', 'characterStats', 'model', 'credits', true]);
    await pickUsageQuery(context(steps, last).ctx);
    assert.deepEqual(asked.map((a) => a.preset), ['last12Months', 'month', 'characterStats', 'model', 'credits', true]);
    const changed = scripted(['today', 'hour', 'characterStats', 'model', 'credits', true]);
    await pickUsageQuery(context(changed.steps, last).ctx);
    assert.equal(changed.asked[1]!.preset, 'hour', 'today gets hours, not the months remembered for a year');
  });

  it('ignores remembered answers it cannot trust, as it would any untrusted input', async () => {
    for (const stored of [
      { preset: 'forever', startUnix: 1, endUnix: 2, breakdownType: 'voice', metric: 'credits', includeWorkspaceMetrics: false },
      { startUnix: '0', endUnix: 2, breakdownType: 'voice', metric: 'credits', includeWorkspaceMetrics: false },
      { preset: 'today', startUnix: 1, endUnix: 2, breakdownType: 'voice OR 1=1', metric: 'credits', includeWorkspaceMetrics: false },
      'last7Days',
      42,
    ]) {
      const { steps, asked } = scripted(['last7Days', 'day', 'characterStats', 'none', 'credits', false]);
      await pickUsageQuery(context(steps, stored).ctx);
      assert.deepEqual(asked.map((a) => a.preset), ['last7Days', 'day', 'characterStats', 'none', 'credits', false], JSON.stringify(stored));
    }
  });

  it('stops without a query, and stores nothing, when the user presses Escape', async () => {
    const { steps } = scripted(['last7Days', 'day', undefined]);
    const { ctx, saved } = context(steps);
    assert.equal(await pickUsageQuery(ctx), undefined);
    assert.deepEqual(saved, []);
  });

  it('offers "This billing period", a whole chart in one step: the quota\u2019s credits by local day', async () => {
    const { steps, asked } = scripted(['billingPeriod']);
    const period = { startUnix: Date.UTC(2026, 10, 17, 8, 14, 26), endUnix: NOW };
    const { ctx, saved } = context(steps);
    const query = await pickUsageQuery({ ...ctx, knownWindow: (preset) => (preset === 'billingPeriod' ? period : undefined) });
    assert.deepEqual(asked[0]!.labels!.slice(-2), ['This billing period', 'Custom range\u2026']);
    assert.equal(asked.length, 1, 'nothing more to ask');
    const expected: PanelQuery = { preset: 'billingPeriod', ...period, aggregationInterval: 'day', breakdownType: 'none', metric: 'credits', includeWorkspaceMetrics: true, utcBuckets: false };
    assert.deepEqual(query, expected);
    assert.deepEqual(saved, [expected]);
    // Remembered, it is offered first next time; without a quota yet, its window waits for the host to resolve it.
    const again = scripted(['billingPeriod']);
    const next = await pickUsageQuery(context(again.steps, JSON.parse(JSON.stringify(expected))).ctx);
    assert.equal(again.asked[0]!.preset, 'billingPeriod');
    assert.equal(next?.preset, 'billingPeriod');
    assert.equal(next?.endUnix, NOW);
  });

  it('asks for the analytics source\u2019s grouping and filters instead of a breakdown, metric and scope', async () => {
    const { steps, asked } = scripted(['last30Days', 'day', 'analytics', 'model', 'add', 'hashed_xi_api_key', '  hk_1, hk_2,hk_1 ,', 'add', BACK, 'done']);
    const { ctx, saved } = context(steps);
    const query = await pickUsageQuery({ ...ctx, knownValues: (column) => (column === 'hashed_xi_api_key' ? ['hk_1', 'hk_2', 'hk_3'] : []) });
    assert.deepEqual(asked.map((a) => [a.step, a.question]), [
      [1, 'Which time window? (Asia/Kolkata)'],
      [2, 'How should usage be grouped over time?'],
      [3, 'Which figures?'],
      [4, 'Group the credits by\u2026'],
      [5, 'Filter the credits?'],
      [5, 'Filter on which column?'],
      [5, 'Keep only these API key values, separated by commas (the chart on screen has hk_1, hk_2, hk_3)'],
      [5, 'Another filter?'],
      [5, 'Filter on which column?'],
      [5, 'Another filter?'],
    ]);
    assert.deepEqual(asked[2]!.labels, ['Character stats', 'Workspace credits (analytics)']);
    assert.deepEqual(query, {
      preset: 'last30Days',
      startUnix: Date.UTC(2026, 9, 25, 18, 30),
      endUnix: NOW,
      aggregationInterval: 'day',
      breakdownType: 'none',
      metric: 'credits',
      includeWorkspaceMetrics: true,
      source: 'analytics',
      groupBy: ['model'],
      filters: [{ column: 'hashed_xi_api_key', operation: 'in', values: ['hk_1', 'hk_2'] }],
    });
    assert.deepEqual(saved, [query]);
  });

  it('once character-stats is retired, starts from the successor and says what character stats alone had', async () => {
    const retiredAt = Date.UTC(2026, 10, 20, 3);
    const last: PanelQuery = { preset: 'last7Days', startUnix: 1, endUnix: 2, aggregationInterval: 'day', breakdownType: 'none', metric: 'tts_characters', includeWorkspaceMetrics: false, source: 'characterStats' };
    const { steps, asked } = scripted(['last7Days', 'day', 'characterStats', 'none', 'credits', false]);
    const { ctx } = context(steps, last);
    await pickUsageQuery({ ...ctx, successor: () => ({ reason: 'retired', sinceMs: retiredAt }) });
    const figures = asked[2]!;
    assert.equal(figures.preset, 'analytics', 'the successor first, whatever was chosen last');
    assert.equal(figures.descriptions![0], 'no longer served since Nov 20, 2026');
    assert.equal(figures.details![0]!, 'Characters, minutes and latency came only from it; asked again daily.');
    // Each detail fits the one line of about 75 characters VS Code gives it.
    assert.ok(figures.details!.every((detail) => (detail ?? '').length <= 75), JSON.stringify(figures.details));
    const metric = asked[4]!;
    assert.equal(metric.question, 'Which metric? (character stats no longer served since Nov 20, 2026)');
    const byLabel = new Map(metric.labels!.map((label, i) => [label, metric.descriptions![i]]));
    assert.match(byLabel.get('Credits')!, /also in Workspace credits \(analytics\)$/);
    assert.match(byLabel.get('TTS characters')!, /only character stats has it, and it is no longer served$/);
  });

  it('with elevenlabsUsage.source "analytics", starts from the successor and says character stats still has the rest', async () => {
    const { steps, asked } = scripted(['last7Days', 'day', undefined]);
    const { ctx } = context(steps);
    await pickUsageQuery({ ...ctx, successor: () => ({ reason: 'setting' }) });
    assert.equal(asked[2]!.preset, 'analytics');
    assert.equal(asked[2]!.details![0]!, 'elevenlabsUsage.source takes credits from the successor; the rest is here.');
    assert.ok(asked[2]!.details!.every((detail) => (detail ?? '').length <= 75), JSON.stringify(asked[2]!.details));
    // Without either, character stats as before.
    const plain = scripted(['last7Days', 'day', undefined]);
    await pickUsageQuery(context(plain.steps).ctx);
    assert.equal(plain.asked[2]!.preset, 'characterStats');
    assert.equal(plain.asked[2]!.descriptions![0], 'characters, credits, minutes, latency and more');
  });

  it('offers the last grouping and filters again, and refuses an empty list of values', async () => {
    const last: PanelQuery = {
      preset: 'last7Days', startUnix: 1, endUnix: 2, aggregationInterval: 'day', breakdownType: 'none', metric: 'credits', includeWorkspaceMetrics: true,
      source: 'analytics', groupBy: ['model', 'voice_id'], filters: [{ column: 'actor', operation: 'eq', values: ['api_key'] }],
    };
    const { steps, asked } = scripted(['last7Days', 'day', 'analytics', '\u0000keep', 'keep']);
    const query = await pickUsageQuery(context(steps, last).ctx);
    assert.deepEqual(asked.map((a) => a.preset), ['last7Days', 'day', 'analytics', '\u0000keep', 'keep']);
    assert.equal(asked[3]!.labels![1], 'Model \u00b7 Voice');
    assert.deepEqual([query?.groupBy, query?.filters], [last.groupBy, last.filters]);

    const typed = scripted(['last7Days', 'day', 'analytics', '', 'add', 'model', ' , ', 'eleven_v3', 'done']);
    const grouped = await pickUsageQuery(context(typed.steps).ctx);
    assert.deepEqual(typed.rejected, ['Type one value or more, separated by commas.']);
    assert.equal(grouped?.groupBy, undefined, 'no grouping: one series');
    assert.deepEqual(grouped?.filters, [{ column: 'model', operation: 'in', values: ['eleven_v3'] }]);
  });
});
