// Checks a usage query before anything is sent, and builds the request URL from it. The checks catch what the
// service would refuse with a terse 422, or worse accept and answer with something the user did not mean
// (a window in seconds is read as January 1970).

import * as l10n from '@vscode/l10n';
import { ElevenLabsError, type ValidationIssue } from './errors';
import { WORKSPACE_ONLY_BREAKDOWNS, type UsageQuery } from './types';

export const CHARACTER_STATS_PATH = '/v1/usage/character-stats';
export const SUBSCRIPTION_PATH = '/v1/user/subscription';

/** Timestamps below this (2001-09-09 in ms, or the year 33658 in seconds) are almost surely seconds. */
const SMALLEST_PLAUSIBLE_MS = 1e12;

function checkTimestamp(field: 'startUnix' | 'endUnix', value: unknown, problems: ValidationIssue[]): boolean {
  const location = field === 'startUnix' ? 'start_unix' : 'end_unix';
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    problems.push({ location, message: l10n.t('{0} must be a number of milliseconds since 1970 (UTC).', location) });
    return false;
  }
  if (!Number.isInteger(value)) {
    problems.push({ location, message: l10n.t('{0} must be a whole number of milliseconds, not {1}.', location, value) });
    return false;
  }
  if (value < 0) {
    problems.push({ location, message: l10n.t('{0} must not be negative.', location) });
    return false;
  }
  if (value < SMALLEST_PLAUSIBLE_MS) {
    problems.push({
      location,
      message: l10n.t('{0} is {1}, which looks like seconds: the API takes milliseconds. Multiply by 1000 ({2}).', location, value, value * 1000),
    });
    return false;
  }
  return true;
}

function checkEnumText(location: string, value: unknown, problems: ValidationIssue[]): void {
  if (value === undefined) {
    return;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    problems.push({ location, message: l10n.t('{0} must be a non-empty text value.', location) });
  }
}

/** Every problem with the query, in the order of the API's parameters; empty when it can be sent. */
export function findQueryProblems(query: UsageQuery): ValidationIssue[] {
  const problems: ValidationIssue[] = [];
  const startOk = checkTimestamp('startUnix', query.startUnix, problems);
  const endOk = checkTimestamp('endUnix', query.endUnix, problems);
  if (startOk && endOk && query.startUnix >= query.endUnix) {
    problems.push({
      location: 'end_unix',
      message: l10n.t('The window ends before it starts: end_unix must be later than start_unix.'),
    });
  }
  if (query.includeWorkspaceMetrics !== undefined && typeof query.includeWorkspaceMetrics !== 'boolean') {
    problems.push({ location: 'include_workspace_metrics', message: l10n.t('include_workspace_metrics must be true or false.') });
  }
  checkEnumText('breakdown_type', query.breakdownType, problems);
  if (
    typeof query.breakdownType === 'string' &&
    WORKSPACE_ONLY_BREAKDOWNS.has(query.breakdownType) &&
    query.includeWorkspaceMetrics !== true
  ) {
    problems.push({
      location: 'breakdown_type',
      message: l10n.t('The "{0}" breakdown needs workspace metrics: set include_workspace_metrics to true.', query.breakdownType),
    });
  }
  checkEnumText('aggregation_interval', query.aggregationInterval, problems);
  const bucket = query.aggregationBucketSize;
  if (bucket !== undefined && !(typeof bucket === 'number' && Number.isInteger(bucket) && bucket > 0)) {
    problems.push({
      location: 'aggregation_bucket_size',
      message: l10n.t('aggregation_bucket_size must be a positive whole number of seconds, not {0}.', String(bucket)),
    });
  }
  checkEnumText('metric', query.metric, problems);
  return problems;
}

/** No answer is read with more time labels than this, whatever was asked (a chart shows at most 200,000 buckets). */
export const MAX_LABELS_PER_ANSWER = 200_000;

const MINUTE_MS = 60_000;
/** The shortest bucket of each interval: a month is at least 28 days, so a window holds at most this many. */
const SHORTEST_BUCKET_MS: Readonly<Record<string, number>> = {
  hour: 60 * MINUTE_MS,
  day: 24 * 60 * MINUTE_MS,
  week: 7 * 24 * 60 * MINUTE_MS,
  month: 28 * 24 * 60 * MINUTE_MS,
};

/**
 * The most time labels an answer to `query` can carry: one per bucket the window meets (the first labelled with
 * the window's start, then each boundary), and one to spare. An interval this version does not know is bounded
 * by minutes. Never more than MAX_LABELS_PER_ANSWER.
 */
export function maxLabelsFor(query: UsageQuery): number {
  const span = Math.max(0, query.endUnix - query.startUnix);
  const step =
    query.aggregationBucketSize !== undefined
      ? query.aggregationBucketSize * 1000
      : query.aggregationInterval === 'cumulative'
        ? Number.POSITIVE_INFINITY
        : SHORTEST_BUCKET_MS[query.aggregationInterval ?? 'day'] ?? MINUTE_MS;
  const buckets = Number.isFinite(step) ? Math.ceil(span / step) + 1 : 1;
  return Math.min(MAX_LABELS_PER_ANSWER, buckets + 1);
}

export function assertValidQuery(query: UsageQuery): void {
  const problems = findQueryProblems(query);
  if (problems.length > 0) {
    throw new ElevenLabsError(
      'invalidQuery',
      l10n.t('The usage query cannot be sent: {0}', problems.map((p) => p.message).join(' ')),
      { issues: problems },
    );
  }
}

/**
 * The request URL for a query. Parameters the caller left out are left out of the URL too, so that the
 * service applies its own defaults (day, credits, no breakdown). Does not validate: call assertValidQuery.
 */
export function buildCharacterStatsUrl(baseUrl: string, query: UsageQuery): URL {
  const url = new URL(withTrailingSlashRemoved(baseUrl) + CHARACTER_STATS_PATH);
  const params = url.searchParams;
  params.set('start_unix', String(query.startUnix));
  params.set('end_unix', String(query.endUnix));
  if (query.includeWorkspaceMetrics !== undefined) {
    params.set('include_workspace_metrics', String(query.includeWorkspaceMetrics));
  }
  if (query.breakdownType !== undefined) {
    params.set('breakdown_type', query.breakdownType);
  }
  if (query.aggregationInterval !== undefined) {
    params.set('aggregation_interval', query.aggregationInterval);
  }
  if (query.aggregationBucketSize !== undefined) {
    params.set('aggregation_bucket_size', String(query.aggregationBucketSize));
  }
  if (query.metric !== undefined) {
    params.set('metric', query.metric);
  }
  return url;
}

export function buildSubscriptionUrl(baseUrl: string): URL {
  return new URL(withTrailingSlashRemoved(baseUrl) + SUBSCRIPTION_PATH);
}

// Appended rather than resolved, so that a base URL with a path (a company proxy) keeps its path.
export function withTrailingSlashRemoved(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}
