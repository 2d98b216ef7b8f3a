// The argument object of the Show Usage command, from keybindings, tasks and the status bar:
//   { startUnix, endUnix, aggregationInterval, aggregationBucketSize, breakdownType, metric, includeWorkspaceMetrics }
// or { preset: "last7Days", ... }, and for the successor endpoint { source: "analytics", groupBy: ["model"],
// filters: [{ column, operation, values }] } (the API's own filter shape). A field that is null is not set (null
// is the API's own "not set", e.g. for aggregation_bucket_size). A bad argument gets an error naming the field.
// Presets resolve in the user's zone; a kind of chart whose fields are fixed ({ preset: "billingPeriod" }) refuses
// a field asking for something else, saying why. `account` names whose figures; `compareAccounts` ("all" or names)
// puts accounts side by side.

import * as l10n from '@vscode/l10n';
import { findAnalyticsQueryProblems } from '../../api/analytics/analyticsRequest';
import { findQueryProblems } from '../../api/query';
import { USAGE_SOURCES, isUsageSource, parseFilters, parseGroupBy, type UsageSource } from './analyticsFields';
import { ANALYTICS_METRIC, analyticsRefusal, toAnalyticsQuery } from './analyticsQuery';
import { breakdownInfo } from '../catalog';
import { DEFAULT_BREAKDOWN, DEFAULT_METRIC, MAX_COMPARED_ACCOUNTS, toUsageQuery, type PanelQuery } from './panelQuery';
import type { ZonedCalendar } from '../calendar/timeZone';
import { suggestedInterval } from '../calendar/windows';
import type { ChartKind } from '../kinds/chartKind';
import { CHART_PRESETS, chartKindOf, isChartPreset } from '../kinds/chartKinds';

const KNOWN_FIELDS = new Set([
  'preset',
  'startUnix',
  'endUnix',
  'aggregationInterval',
  'aggregationBucketSize',
  'breakdownType',
  'metric',
  'includeWorkspaceMetrics',
  'utcBuckets',
  'source',
  'groupBy',
  'filters',
  'account',
  'compareAccounts',
]);

/** The analytics request's fields, as the argument names them. */
const ANALYTICS_FIELD_OF: Readonly<Record<string, string>> = {
  start_time: 'startUnix',
  end_time: 'endUnix',
  interval_seconds: 'aggregationInterval',
  group_by: 'groupBy',
  filters: 'filters',
};

export type ArgsResult = { readonly ok: true; readonly query: PanelQuery } | { readonly ok: false; readonly message: string };

function fail(message: string): ArgsResult {
  return { ok: false, message: l10n.t('ElevenLabs: Show Usage: {0}', message) };
}

function optionalEnumText(args: Record<string, unknown>, field: string): string | undefined | Error {
  const value = args[field];
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string' || !/^[a-z0-9_]{1,64}$/.test(value)) {
    const example = field === 'metric' ? '"tts_characters"' : field === 'breakdownType' ? '"voice"' : '"day"';
    return new Error(l10n.t('"{0}" must be one of the API\'s values, e.g. {1}; got {2}.', field, example, JSON.stringify(value)));
  }
  return value;
}

/** The argument's fields without those set to null, which means "not set" for every field. */
function withoutNulls(raw: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== null));
}

export interface ShowUsageArgsOptions {
  /**
   * The user's accounts, for an `account` argument (a name, as the user knows them): their names, and the one a
   * name means (status/accounts/accounts.ts accountNamed: whatever its case and spaces).
   */
  readonly accounts?: {
    readonly names: readonly string[];
    named(name: string): { readonly id: string } | undefined;
  };
  /**
   * The credit figures come from the successor (the user chose it, or character-stats is retired): arguments that
   * name no source and ask for what it reports (the workspace's credits, without a breakdown) get it.
   */
  readonly successorPreferred?: boolean;
}

/** Reads the command's argument object; `nowMs` and `calendar` resolve presets. */
export function parseShowUsageArgs(raw: unknown, nowMs: number, calendar: ZonedCalendar, options: ShowUsageArgsOptions = {}): ArgsResult {
  const result = parseQueryArgs(raw, nowMs, calendar, options);
  if (!result.ok) {
    return result;
  }
  const args = withoutNulls(raw as object);
  const { account: name, compareAccounts } = args;
  if (compareAccounts !== undefined) {
    return name === undefined ? comparedArgs(result.query, args, options) : fail(l10n.t('give either "account" or "compareAccounts", not both.'));
  }
  if (name === undefined) {
    return result;
  }
  const account = typeof name === 'string' ? options.accounts?.named(name) : undefined;
  if (!account) {
    return fail(l10n.t('"account" must be the name of one of your accounts ({0}); got {1}.', knownNames(options), JSON.stringify(name).slice(0, 80)));
  }
  return { ok: true, query: { ...result.query, account: account.id } };
}

function knownNames(options: ShowUsageArgsOptions): string {
  return (options.accounts?.names ?? []).map((n) => JSON.stringify(n)).join(', ');
}

/**
 * `compareAccounts`: "all", or the names of two to ten of the user's accounts, each one series of the same
 * question. A breakdown or grouping would need a series per account and per value: refused, as is a kind of
 * chart that is one account's (the billing period is a quota's).
 */
function comparedArgs(query: PanelQuery, args: Record<string, unknown>, options: ShowUsageArgsOptions): ArgsResult {
  const { compareAccounts } = args;
  const accounts = options.accounts;
  if (!accounts || accounts.names.length < 2) {
    return fail(l10n.t('"compareAccounts" needs two accounts or more: add one with "ElevenLabs: Add Account".'));
  }
  if (chartKindOf(query).fixed.length > 0) {
    return fail(l10n.t('"compareAccounts" cannot be given with "preset": "{0}": it is one account’s quota. Leave "compareAccounts" out, or give "account".', String(query.preset)));
  }
  for (const field of ['breakdownType', 'groupBy']) {
    const value = args[field];
    if (value !== undefined && !(field === 'breakdownType' && value === DEFAULT_BREAKDOWN)) {
      return fail(l10n.t('"{0}" cannot be given with "compareAccounts": each account is one series. Leave "{0}" out.', field));
    }
  }
  const names = compareAccounts === 'all' ? accounts.names : compareAccounts;
  const known = knownNames(options);
  if (!Array.isArray(names) || names.length < 2 || names.length > MAX_COMPARED_ACCOUNTS) {
    return fail(
      l10n.t('"compareAccounts" must be "all" or a list of 2 to {0} of your accounts’ names ({1}); got {2}.', MAX_COMPARED_ACCOUNTS, known, JSON.stringify(compareAccounts).slice(0, 80)),
    );
  }
  const ids: string[] = [];
  for (const one of names as unknown[]) {
    const account = typeof one === 'string' ? accounts.named(one) : undefined;
    if (!account) {
      return fail(l10n.t('"compareAccounts" must be "all" or a list of 2 to {0} of your accounts’ names ({1}); {2} is none of them.', MAX_COMPARED_ACCOUNTS, known, JSON.stringify(one).slice(0, 80)));
    }
    if (ids.includes(account.id)) {
      return fail(l10n.t('"compareAccounts" must be "all" or a list of 2 to {0} of your accounts’ names ({1}); {2} is named twice.', MAX_COMPARED_ACCOUNTS, known, JSON.stringify(one).slice(0, 80)));
    }
    ids.push(account.id);
  }
  return { ok: true, query: { ...query, compare: ids } };
}

function parseQueryArgs(raw: unknown, nowMs: number, calendar: ZonedCalendar, options: ShowUsageArgsOptions): ArgsResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail(l10n.t('the argument must be an object such as { "preset": "last7Days" } or { "startUnix": …, "endUnix": … }.'));
  }
  // A misspelt field is reported even when it is null: "not set" is only meaningful for a field that exists.
  const unknown = Object.keys(raw).filter((key) => !KNOWN_FIELDS.has(key));
  if (unknown.length > 0) {
    return fail(l10n.t('unknown field {0}; the fields are {1}.', unknown.map((k) => `"${k}"`).join(', '), [...KNOWN_FIELDS].join(', ')));
  }
  const args = withoutNulls(raw);
  const { preset } = args;
  if (preset !== undefined && !isChartPreset(preset)) {
    return fail(l10n.t('"preset" must be one of {0}; got {1}.', CHART_PRESETS.join(', '), JSON.stringify(preset)));
  }
  if (preset !== undefined && (args['startUnix'] !== undefined || args['endUnix'] !== undefined)) {
    return fail(l10n.t('give either "preset" or "startUnix" and "endUnix", not both.'));
  }
  if (preset === undefined && (args['startUnix'] === undefined || args['endUnix'] === undefined)) {
    return fail(l10n.t('"startUnix" and "endUnix" (milliseconds) are required unless "preset" is given.'));
  }
  const enums = ['aggregationInterval', 'breakdownType', 'metric'].map((field) => optionalEnumText(args, field));
  const enumError = enums.find((value): value is Error => value instanceof Error);
  if (enumError) {
    return fail(enumError.message);
  }
  const [aggregationInterval, breakdownType = DEFAULT_BREAKDOWN, metric = DEFAULT_METRIC] = enums as Array<string | undefined>;
  const { includeWorkspaceMetrics, aggregationBucketSize, utcBuckets } = args;
  for (const [field, value] of Object.entries({ includeWorkspaceMetrics, utcBuckets })) {
    if (value !== undefined && typeof value !== 'boolean') {
      return fail(l10n.t('"{0}" must be true or false; got {1}.', field, JSON.stringify(value)));
    }
  }
  const source = args['source'];
  if (source !== undefined && !isUsageSource(source)) {
    return fail(l10n.t('"source" must be {0} or {1}; got {2}.', JSON.stringify(USAGE_SOURCES[0]), JSON.stringify(USAGE_SOURCES[1]), JSON.stringify(source)));
  }
  const analytics =
    source === 'analytics' ||
    (source === undefined && options.successorPreferred === true && metric === ANALYTICS_METRIC && breakdownType === 'none' && includeWorkspaceMetrics !== false && utcBuckets !== true);
  const groupBy = args['groupBy'] === undefined ? undefined : parseGroupBy(args['groupBy']);
  if (args['groupBy'] !== undefined && !groupBy) {
    return fail(l10n.t('"groupBy" must be a list of up to 17 different column names, e.g. ["model", "voice_id"]; got {0}.', JSON.stringify(args['groupBy']).slice(0, 80)));
  }
  const filters = args['filters'] === undefined ? undefined : parseFilters(args['filters']);
  if (args['filters'] !== undefined && !filters) {
    return fail(l10n.t('"filters" must be a list of up to 20 filters in the API\'s shape, e.g. [{ "column": "model", "operation": "in", "values": ["eleven_v3"] }]; got {0}.', JSON.stringify(args['filters']).slice(0, 80)));
  }
  if (!analytics && (groupBy !== undefined || filters !== undefined)) {
    return fail(l10n.t('"{0}" belongs to the analytics source: add "source": "analytics", or use "breakdownType" with character stats.', groupBy !== undefined ? 'groupBy' : 'filters'));
  }
  const kind = chartKindOf(preset === undefined ? undefined : { preset });
  if (preset !== undefined && kind.fixed.length > 0) {
    if (groupBy !== undefined || filters !== undefined) {
      return fail(
        l10n.t('"{0}" cannot be given with "preset": "{1}": it shows the workspace\'s credits as one running total, as the quota counts them. Leave it out.', groupBy !== undefined ? 'groupBy' : 'filters', preset),
      );
    }
    return fixedKindArgs(kind, preset, args, source, nowMs, calendar);
  }
  const window = preset !== undefined ? kind.presetWindow(preset, nowMs, calendar) : { startUnix: args['startUnix'] as number, endUnix: args['endUnix'] as number };
  const query: PanelQuery = {
    ...(preset !== undefined ? { preset } : {}),
    ...window,
    ...(aggregationBucketSize !== undefined
      ? { aggregationBucketSize: aggregationBucketSize as number }
      : { aggregationInterval: aggregationInterval ?? suggestedInterval(window) }),
    breakdownType: breakdownType!,
    metric: metric!,
    // Left out, it follows the breakdown: the ones that need workspace metrics get them. The analytics source
    // reports the whole workspace, always.
    includeWorkspaceMetrics: (includeWorkspaceMetrics as boolean | undefined) ?? (analytics || breakdownInfo(breakdownType).needsWorkspaceMetrics),
    ...(utcBuckets !== undefined ? { utcBuckets: utcBuckets as boolean } : {}),
    ...(analytics ? { source: 'analytics' as const } : source !== undefined ? { source } : {}),
    ...(groupBy !== undefined ? { groupBy } : {}),
    ...(filters !== undefined ? { filters } : {}),
  };
  if (analytics) {
    return analyticsArgs(query, nowMs, calendar);
  }
  const problems = findQueryProblems(toUsageQuery(query, nowMs, calendar));
  if (problems.length > 0) {
    const fieldOf: Record<string, string> = {
      start_unix: 'startUnix',
      end_unix: 'endUnix',
      breakdown_type: 'breakdownType',
      aggregation_bucket_size: 'aggregationBucketSize',
      include_workspace_metrics: 'includeWorkspaceMetrics',
      aggregation_interval: 'aggregationInterval',
      metric: 'metric',
    };
    return fail(problems.map((p) => `"${fieldOf[p.location] ?? p.location}": ${p.message}`).join(' '));
  }
  return { ok: true, query };
}

/** An analytics query's own checks: what the source cannot report, then what the successor would refuse. */
function analyticsArgs(query: PanelQuery, nowMs: number, calendar: ZonedCalendar): ArgsResult {
  const refusal = analyticsRefusal(query);
  if (refusal) {
    return fail(refusal);
  }
  const problems = findAnalyticsQueryProblems(toAnalyticsQuery(query, nowMs, calendar));
  if (problems.length > 0) {
    const fieldOf = (location: string): string => ANALYTICS_FIELD_OF[location.split('.')[0]!] ?? location;
    return fail(problems.map((p) => `"${fieldOf(p.location)}": ${p.message}`).join(' '));
  }
  return { ok: true, query };
}

/**
 * A kind whose chart fixes fields (the billing period: what the quota counts) reports a field asking for something
 * else rather than silently dropping it; leaving it out (or null) is fine.
 */
function fixedKindArgs(kind: ChartKind, preset: string, args: Record<string, unknown>, source: UsageSource | undefined, nowMs: number, calendar: ZonedCalendar): ArgsResult {
  for (const { field, value: allowed, why } of kind.fixed) {
    const value = args[field];
    if (value !== undefined && value !== allowed) {
      return fail(l10n.t('"{0}" cannot be {1} with "preset": "{2}": {3}. Leave "{0}" out.', field, JSON.stringify(value), preset, why));
    }
  }
  const window = kind.presetWindow(preset, nowMs, calendar);
  const query: PanelQuery = { preset, ...window, breakdownType: DEFAULT_BREAKDOWN, metric: DEFAULT_METRIC, includeWorkspaceMetrics: true, ...(source !== undefined ? { source } : {}) };
  return { ok: true, query: kind.resolve(query, nowMs, calendar) };
}
