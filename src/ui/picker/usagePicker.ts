// The Show Usage picker: window, aggregation, source, then breakdown, metric and workspace metrics (character
// stats) or grouping and filters (the analytics source, which reports the workspace's credits only), one step at
// a time with a back button; comparing accounts asks no breakdown or grouping. A kind of chart whose fields are
// all fixed ("This billing period": the quota's credits by day) is a whole chart in one choice, so it ends there.
// It starts from the last choices (checked like any untrusted input: an older version or a hand edit may have
// stored anything) and remembers the new ones. Pure: it asks through StepInput and keeps its answers in a small
// store, so its paths are tested in plain mocha.

// Messages keep their typographic characters as written, not as \u escapes: @vscode/l10n-dev misreads those,
// and the extracted key would not match the one looked up.
import { formatInstant } from '../../shared/locale/dateFormats';
import * as l10n from '@vscode/l10n';
import { AGGREGATION_INTERVALS, BREAKDOWN_TYPES, METRICS } from '../../api/types';
import { BREAKDOWN_INFO, INTERVAL_LABELS, breakdownInfo, metricInfo } from '../../usage/catalog';
import { DEFAULT_BREAKDOWN, DEFAULT_METRIC, type PanelQuery } from '../../usage/query/panelQuery';
import type { ZonedCalendar } from '../../usage/calendar/timeZone';
import { customWindow, parseLocalDate, startProblem, suggestedBucketSeconds, suggestedInterval, type UsageWindow } from '../../usage/calendar/windows';
import { isWholeChart } from '../../usage/kinds/chartKind';
import { CHART_KINDS, chartKindOf, parsePanelQuery } from '../../usage/kinds/chartKinds';
import { GROUP_BY_COLUMNS, MAX_FILTER_VALUES, type ColumnFilter } from '../../api/analytics/analyticsTypes';
import { analyticsColumnLabel, DEFAULT_SOURCE, type UsageSource } from '../../usage/query/analyticsFields';
import type { SuccessorReason } from '../../usage/query/sourceSetting';
import { analyticsLabel } from '../../usage/query/analyticsFixed';
import { ANALYTICS_METRIC } from '../../usage/query/analyticsQuery';
import { Back, type StepChoice, type StepInput } from './stepInput';

/** The picker's title; asked for when shown, since the translations are in place only once the extension has activated. */
export function pickerTitle(): string {
  return l10n.t('ElevenLabs: Show Usage');
}

export const PICKER_STEPS = 6;
/** The analytics source's questions end at its filters. */
const LAST_ANALYTICS_STEP = 5;

/** Where the last answers are kept (globalState in the extension). */
export interface AnswerStore {
  get(): unknown;
  update(query: PanelQuery): Thenable<void> | Promise<void>;
}

/** What the picker needs besides the steps: the store, the user's calendar, the clock and the display locale. */
export interface PickerContext {
  readonly steps: StepInput;
  readonly store: AnswerStore;
  readonly calendar: ZonedCalendar;
  now(): number;
  readonly locale?: string;
  /**
   * A preset's window now where the host knows it better than the calendar (the billing period, from the status
   * bar's quota); undefined where it does not.
   */
  knownWindow?(preset: string): UsageWindow | undefined;
  /** The values a column had in the chart on screen, where it was grouped by that column; to name them to the user. */
  knownValues?(column: string): readonly string[];
  /**
   * Why the credit figures come from the successor, where they do: the user chose it (elevenlabsUsage.source),
   * or character-stats has answered as retired since `sinceMs`. The picker starts from it and says what that
   * leaves of character stats.
   */
  successor?(): SuccessorReason | undefined;
  /**
   * Accounts side by side (one series each): the picker offers no kind of chart that is one account's (the billing
   * period) and asks no breakdown or grouping.
   */
  readonly comparing?: boolean;
}

type WindowChoice = { preset: string } | { custom: UsageWindow };
type AggregationChoice = { interval: string } | { bucketSeconds: number };

/** What the user has answered so far; it starts from the last query and each step preselects from it. */
interface Draft {
  window?: WindowChoice;
  aggregation?: AggregationChoice;
  /** The window the aggregation was chosen for: a changed window gets the aggregation that suits it. */
  aggregationFor?: string;
  breakdown?: string;
  metric?: string;
  workspace?: boolean;
  source?: UsageSource;
  groupBy?: readonly string[];
  filters?: readonly ColumnFilter[];
}

function windowKey(window: WindowChoice): string {
  return 'preset' in window ? window.preset : `custom:${window.custom.startUnix}-${window.custom.endUnix}`;
}

function resolveWindow(window: WindowChoice, ctx: PickerContext): UsageWindow {
  if (!('preset' in window)) {
    return window.custom;
  }
  // The host resolves it again when the chart runs.
  return chartKindOf(window).presetWindow(window.preset, ctx.now(), ctx.calendar, ctx.knownWindow?.(window.preset));
}

function draftFrom(last: PanelQuery | undefined): Draft {
  if (!last) {
    return {};
  }
  const window: WindowChoice = last.preset ? { preset: last.preset } : { custom: { startUnix: last.startUnix, endUnix: last.endUnix } };
  return {
    window,
    aggregation: last.aggregationBucketSize !== undefined ? { bucketSeconds: last.aggregationBucketSize } : { interval: last.aggregationInterval ?? 'day' },
    aggregationFor: windowKey(window),
    breakdown: last.breakdownType,
    metric: last.metric,
    workspace: last.includeWorkspaceMetrics,
    source: last.source ?? DEFAULT_SOURCE,
    ...(last.groupBy ? { groupBy: last.groupBy } : {}),
    ...(last.filters ? { filters: last.filters } : {}),
  };
}

async function pickWindow(ctx: PickerContext, current: WindowChoice | undefined): Promise<WindowChoice | undefined> {
  const { calendar } = ctx;
  const now = ctx.now();
  const date = (ms: number): string => formatInstant(ms, 'date', calendar.zone, ctx.locale);
  const dateRange = (window: UsageWindow): string => `${date(window.startUnix)} \u2013 ${date(window.endUnix)}`;
  const items: Array<StepChoice<string>> = [
    ...CHART_KINDS.filter((kind) => !ctx.comparing || kind.fixed.length === 0).flatMap((kind) =>
      kind.presets.map((preset) => {
        // A window only the host knows is named when it does; the calendar's always are.
        const known = ctx.knownWindow?.(preset);
        const window = kind.windowFromHost && !known ? undefined : kind.presetWindow(preset, now, calendar, known);
        return { label: kind.presetLabel(preset), description: kind.presetDescription(preset, window, dateRange), value: preset };
      }),
    ),
    { label: l10n.t('Custom range…'), description: l10n.t('Type a start and end date'), value: 'custom' },
  ];
  for (;;) {
    const choice = await ctx.steps.pick(1, l10n.t('Which time window? ({0})', calendar.zone), items, current ? ('preset' in current ? current.preset : 'custom') : 'last7Days');
    if (choice !== 'custom') {
      return choice === undefined ? undefined : { preset: choice };
    }
    const custom = await pickCustomRange(ctx, current && 'custom' in current ? current.custom : undefined);
    if (custom !== 'back') {
      return custom === undefined ? undefined : { custom };
    }
  }
}

/** The start and end inputs; Back from the start returns to the window list, from the end to the start. */
async function pickCustomRange(ctx: PickerContext, current: UsageWindow | undefined): Promise<UsageWindow | 'back' | undefined> {
  const { calendar } = ctx;
  const now = ctx.now();
  let startValue = calendar.formatDate(current?.startUnix ?? calendar.addDays(now, -7));
  for (;;) {
    let startText: string | undefined;
    try {
      startText = await ctx.steps.input(1, l10n.t('Start date in {0} (YYYY-MM-DD or YYYY-MM-DD HH:MM)', calendar.zone), startValue, (text) => {
        const parsed = parseLocalDate(text, calendar);
        if (!parsed.ok) {
          return parsed.message;
        }
        return startProblem(parsed.ms, ctx.now(), calendar);
      });
    } catch (error) {
      if (error instanceof Back) {
        return 'back';
      }
      throw error;
    }
    if (startText === undefined) {
      return undefined;
    }
    startValue = startText;
    let endText: string | undefined;
    try {
      endText = await ctx.steps.input(1, l10n.t('End date, included (start {0})', startText.trim()), calendar.formatDate(current?.endUnix ?? now), (text) => {
        const result = customWindow(startText!, text, ctx.now(), calendar);
        return result.ok ? undefined : result.message;
      });
    } catch (error) {
      if (error instanceof Back) {
        continue;
      }
      throw error;
    }
    if (endText === undefined) {
      return undefined;
    }
    const result = customWindow(startText, endText, ctx.now(), calendar);
    if (result.ok && result.notes.length > 0) {
      // A time skipped by a DST change was moved: say so rather than query another window than typed.
      ctx.steps.inform(result.notes.join(' '));
    }
    return result.ok ? result.window : undefined;
  }
}

/** The grouping; preselects the earlier answer for the same window, otherwise what suits this window. */
async function pickAggregation(ctx: PickerContext, window: UsageWindow, current: AggregationChoice | undefined): Promise<AggregationChoice | undefined> {
  const suggested = suggestedInterval(window);
  const items: Array<StepChoice<string>> = [
    ...AGGREGATION_INTERVALS.map((interval) => ({
      label: INTERVAL_LABELS[interval] ?? interval,
      description:
        interval === 'cumulative'
          ? l10n.t('the whole window at once, no time axis')
          : interval === suggested
            ? l10n.t('in {0}, suggested for this window', ctx.calendar.zone)
            : l10n.t('in {0}', ctx.calendar.zone),
      value: interval as string,
    })),
    { label: l10n.t('Bucket size in seconds…'), description: l10n.t('e.g. {0}', String(suggestedBucketSeconds(window))), value: 'bucket' },
  ];
  const active = current === undefined ? suggested : 'bucketSeconds' in current ? 'bucket' : current.interval;
  for (;;) {
    const choice = await ctx.steps.pick(2, l10n.t('How should usage be grouped over time?'), items, active);
    if (choice !== 'bucket') {
      return choice === undefined ? undefined : { interval: choice };
    }
    try {
      const text = await ctx.steps.input(
        2,
        l10n.t('Bucket size in seconds (a positive whole number; 3600 is an hour)'),
        String(current && 'bucketSeconds' in current ? current.bucketSeconds : suggestedBucketSeconds(window)),
        (value) => (/^\s*[1-9]\d*\s*$/.test(value) ? undefined : l10n.t('Type a positive whole number of seconds, e.g. 3600 for an hour.')),
      );
      return text === undefined ? undefined : { bucketSeconds: Number(text.trim()) };
    } catch (error) {
      if (!(error instanceof Back)) {
        throw error;
      }
      // Back from the size: to the list of groupings.
    }
  }
}

async function pickBreakdown(ctx: PickerContext, current: string | undefined): Promise<string | undefined> {
  const items = BREAKDOWN_TYPES.map((value) => {
    const info = BREAKDOWN_INFO[value]!;
    return {
      label: info.label,
      description: value,
      detail: info.needsWorkspaceMetrics ? l10n.t('{0} — needs workspace metrics (turns them on)', info.description) : info.description,
      value: value as string,
    };
  });
  return ctx.steps.pick(4, l10n.t('Break usage down by…'), items, current ?? DEFAULT_BREAKDOWN);
}

async function pickMetric(ctx: PickerContext, current: string | undefined): Promise<string | undefined> {
  const retired = retiredSince(ctx);
  const items = METRICS.map((value) => {
    const info = metricInfo(value);
    // Once character-stats is retired, each metric says whether anything else still reports it.
    const description =
      retired === undefined
        ? l10n.t('in {0}', info.unit)
        : value === ANALYTICS_METRIC
          ? l10n.t('in {0} — also in {1}', info.unit, analyticsLabel())
          : l10n.t('in {0} — only character stats has it, and it is no longer served', info.unit);
    return { label: info.label, description, detail: info.description, value: value as string };
  });
  return ctx.steps.pick(
    5,
    retired === undefined ? l10n.t('Which metric?') : l10n.t('Which metric? (character stats no longer served since {0})', shortDate(ctx, retired)),
    items,
    current ?? DEFAULT_METRIC,
  );
}

function retiredSince(ctx: PickerContext): number | undefined {
  const successor = ctx.successor?.();
  return successor?.reason === 'retired' ? successor.sinceMs : undefined;
}

function shortDate(ctx: PickerContext, ms: number): string {
  return formatInstant(ms, 'date', ctx.calendar.zone, ctx.locale);
}

/** What the Character stats choice says it is, given why (if at all) the credits come from the successor. */
function characterStatsChoice(ctx: PickerContext, successor: SuccessorReason | undefined): Pick<StepChoice<UsageSource>, 'description' | 'detail'> {
  if (successor?.reason === 'retired') {
    return {
      description: l10n.t('no longer served since {0}', shortDate(ctx, successor.sinceMs)),
      // A detail shows on one line of about 75 characters: what matters first.
      detail: l10n.t('Characters, minutes and latency came only from it; asked again daily.'),
    };
  }
  if (successor?.reason === 'setting') {
    return {
      description: l10n.t('characters, minutes, latency and more'),
      detail: l10n.t('elevenlabsUsage.source takes credits from the successor; the rest is here.'),
    };
  }
  return {
    description: l10n.t('characters, credits, minutes, latency and more'),
    detail: l10n.t('Every metric, yours or the workspace’s; deprecated by ElevenLabs'),
  };
}

async function pickWorkspaceMetrics(ctx: PickerContext, breakdown: string, current: boolean | undefined): Promise<boolean | undefined> {
  const info = breakdownInfo(breakdown);
  const items: Array<StepChoice<boolean>> = info.needsWorkspaceMetrics
    ? [{ label: l10n.t('Whole workspace'), description: l10n.t('needed by the {0} breakdown', info.label), value: true }]
    : [
        { label: l10n.t('Only my usage'), description: l10n.t('usage of this API key’s user'), value: false },
        { label: l10n.t('Whole workspace'), description: l10n.t('every member’s usage'), value: true },
      ];
  return ctx.steps.pick(6, l10n.t('Whose usage?'), items, info.needsWorkspaceMetrics ? true : current ?? false);
}

async function pickSource(ctx: PickerContext, current: UsageSource | undefined): Promise<UsageSource | undefined> {
  const successor = ctx.successor?.();
  const items: Array<StepChoice<UsageSource>> = [
    { label: l10n.t('Character stats'), ...characterStatsChoice(ctx, successor), value: 'characterStats' },
    {
      label: analyticsLabel(),
      description: l10n.t('credits only, the whole workspace'),
      detail: l10n.t('Your own days in one request; group and filter by model, voice, API key…'),
      value: 'analytics',
    },
  ];
  // Where the credits come from the successor, it is the first choice whatever was chosen last.
  return ctx.steps.pick(3, l10n.t('Which figures?'), items, successor ? 'analytics' : (current ?? DEFAULT_SOURCE));
}

const KEEP = '\u0000keep';

async function pickGroupBy(ctx: PickerContext, current: readonly string[] | undefined): Promise<readonly string[] | undefined> {
  const items: Array<StepChoice<string>> = [
    { label: l10n.t('No grouping'), description: l10n.t('one series: all credits'), value: '' },
    ...(current && current.length > 1 ? [{ label: current.map(analyticsColumnLabel).join(' \u00b7 '), description: l10n.t('as last time'), value: KEEP }] : []),
    ...GROUP_BY_COLUMNS.map((column) => ({ label: analyticsColumnLabel(column), description: column, value: column as string })),
  ];
  const active = current && current.length > 1 ? KEEP : (current?.[0] ?? '');
  const choice = await ctx.steps.pick(4, l10n.t('Group the credits by…'), items, active);
  return choice === undefined ? undefined : choice === KEEP ? current! : choice === '' ? [] : [choice];
}

/** The filters: none, the last ones, or "in" filters on columns, typed one column at a time. */
async function pickFilters(ctx: PickerContext, current: readonly ColumnFilter[] | undefined): Promise<readonly ColumnFilter[] | undefined> {
  const describe = (filters: readonly ColumnFilter[]): string =>
    filters.map((f) => `${analyticsColumnLabel(f.column)} ${f.operation} ${f.values.map(String).join(', ')}`).join('; ');
  const filters: ColumnFilter[] = [];
  for (;;) {
    const items: Array<StepChoice<string>> = filters.length > 0
      ? [{ label: l10n.t('Done'), description: describe(filters), value: 'done' }, { label: l10n.t('Add another filter…'), value: 'add' }]
      : [
          { label: l10n.t('No filter'), description: l10n.t('every credit of the workspace'), value: 'done' },
          ...(current && current.length > 0 ? [{ label: l10n.t('The same filters as last time'), description: describe(current), value: 'keep' }] : []),
          { label: l10n.t('Only some values of a column…'), description: l10n.t('e.g. one API key, or two models'), value: 'add' },
        ];
    const choice = await ctx.steps.pick(5, filters.length > 0 ? l10n.t('Another filter?') : l10n.t('Filter the credits?'), items, filters.length > 0 ? 'done' : current && current.length > 0 ? 'keep' : 'done');
    if (choice === undefined) {
      return undefined;
    }
    if (choice === 'done') {
      return filters;
    }
    if (choice === 'keep') {
      return current!;
    }
    try {
      const filter = await pickOneFilter(ctx, current);
      if (filter === undefined) {
        return undefined;
      }
      filters.push(filter);
    } catch (error) {
      if (!(error instanceof Back)) {
        throw error;
      }
      // Back from the column: to the list of filters.
    }
  }
}

async function pickOneFilter(ctx: PickerContext, current: readonly ColumnFilter[] | undefined): Promise<ColumnFilter | undefined> {
  const items = GROUP_BY_COLUMNS.map((column) => ({ label: analyticsColumnLabel(column), description: column, value: column as string }));
  for (;;) {
    const column = await ctx.steps.pick(5, l10n.t('Filter on which column?'), items, current?.[0]?.column);
    if (column === undefined) {
      return undefined;
    }
    const known = ctx.knownValues?.(column) ?? [];
    // The count as digits, as the English has always read ("and 1200 more").
    const shown = known.slice(0, 5).join(', ') + (known.length > 5 ? l10n.t(', and {0} more', String(known.length - 5)) : '');
    const before = current?.find((f) => f.column === column && f.operation === 'in');
    try {
      const text = await ctx.steps.input(
        5,
        known.length > 0
          ? l10n.t('Keep only these {0} values, separated by commas (the chart on screen has {1})', analyticsColumnLabel(column), shown)
          : l10n.t('Keep only these {0} values, separated by commas', analyticsColumnLabel(column)),
        before ? before.values.map(String).join(', ') : '',
        (typed) => {
          const values = splitValues(typed);
          return values.length === 0
            ? l10n.t('Type one value or more, separated by commas.')
            : values.length > MAX_FILTER_VALUES
              ? l10n.t('At most {0} values.', String(MAX_FILTER_VALUES))
              : undefined;
        },
      );
      return text === undefined ? undefined : { column, operation: 'in', values: splitValues(text) };
    } catch (error) {
      if (!(error instanceof Back)) {
        throw error;
      }
      // Back from the values: to the columns.
    }
  }
}

function splitValues(text: string): string[] {
  return [...new Set(text.split(',').map((value) => value.trim()).filter((value) => value !== ''))];
}

/** The breakdown or grouping step, which comparing accounts does not ask (each account is one series). */
const BREAKDOWN_STEP = 4;

/** Runs one step, answering it from and into the draft; false when the user cancelled. */
async function runStep(ctx: PickerContext, step: number, draft: Draft): Promise<boolean> {
  switch (step) {
    case 1:
      draft.window = await pickWindow(ctx, draft.window);
      return draft.window !== undefined;
    case 2: {
      const window = draft.window!;
      const sameWindow = draft.aggregationFor === windowKey(window);
      draft.aggregation = await pickAggregation(ctx, resolveWindow(window, ctx), sameWindow ? draft.aggregation : undefined);
      draft.aggregationFor = windowKey(window);
      return draft.aggregation !== undefined;
    }
    case 3:
      draft.source = await pickSource(ctx, draft.source);
      return draft.source !== undefined;
    case 4:
      if (draft.source === 'analytics') {
        draft.groupBy = await pickGroupBy(ctx, draft.groupBy);
        return draft.groupBy !== undefined;
      }
      draft.breakdown = await pickBreakdown(ctx, draft.breakdown);
      return draft.breakdown !== undefined;
    case 5:
      if (draft.source === 'analytics') {
        draft.filters = await pickFilters(ctx, draft.filters);
        return draft.filters !== undefined;
      }
      draft.metric = await pickMetric(ctx, draft.metric);
      return draft.metric !== undefined;
    default:
      draft.workspace = await pickWorkspaceMetrics(ctx, ctx.comparing ? DEFAULT_BREAKDOWN : draft.breakdown!, draft.workspace);
      return draft.workspace !== undefined;
  }
}

/** Runs the picker; resolves undefined when the user cancels. */
export async function pickUsageQuery(ctx: PickerContext): Promise<PanelQuery | undefined> {
  // Stored by an earlier version, or edited by hand: checked like any other input before it preselects anything.
  const draft = draftFrom(parsePanelQuery(ctx.store.get()));
  // Back goes to the step before the one asked, over a step not asked.
  let direction = 1;
  for (let step = 1; step <= PICKER_STEPS; ) {
    if (step === BREAKDOWN_STEP && ctx.comparing) {
      step += direction;
      continue;
    }
    try {
      if (!(await runStep(ctx, step, draft))) {
        return undefined;
      }
      const window = step === 1 && draft.window && 'preset' in draft.window ? draft.window : undefined;
      const kind = window ? chartKindOf(window) : undefined;
      if (window && kind && isWholeChart(kind)) {
        // A kind that fixes every later choice is one chart (the billing period: the quota's credits by day).
        const { preset } = window;
        const query = kind.resolve({ preset, ...resolveWindow(window, ctx), breakdownType: DEFAULT_BREAKDOWN, metric: DEFAULT_METRIC, includeWorkspaceMetrics: true }, ctx.now(), ctx.calendar);
        await ctx.store.update(query);
        return query;
      }
      if (step === LAST_ANALYTICS_STEP && draft.source === 'analytics') {
        break;
      }
      step++;
      direction = 1;
    } catch (error) {
      if (!(error instanceof Back)) {
        throw error;
      }
      step = Math.max(1, step - 1);
      direction = -1;
    }
  }
  const window = draft.window!;
  const aggregation = draft.aggregation!;
  const common = {
    ...('preset' in window ? { preset: window.preset } : {}),
    ...resolveWindow(window, ctx),
    ...('interval' in aggregation ? { aggregationInterval: aggregation.interval } : { aggregationBucketSize: aggregation.bucketSeconds }),
  };
  const query: PanelQuery =
    draft.source === 'analytics'
      ? {
          ...common,
          // What the source fixes (usage/query/analyticsFixed.ts): its credits, the whole workspace.
          breakdownType: DEFAULT_BREAKDOWN,
          metric: ANALYTICS_METRIC,
          includeWorkspaceMetrics: true,
          source: 'analytics',
          ...(draft.groupBy && draft.groupBy.length > 0 && !ctx.comparing ? { groupBy: draft.groupBy } : {}),
          ...(draft.filters && draft.filters.length > 0 ? { filters: draft.filters } : {}),
        }
      : { ...common, breakdownType: ctx.comparing ? DEFAULT_BREAKDOWN : draft.breakdown!, metric: draft.metric!, includeWorkspaceMetrics: draft.workspace! };
  await ctx.store.update(query);
  return query;
}
