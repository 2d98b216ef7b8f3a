// What the pickers and the chart say about each enum value of the API: a label, a short description, the
// unit, and how a metric combines over time and across series. Unknown values (the enums are open) get a
// readable fallback instead of an error. The words are getters: the tables are built when the bundle loads,
// before activation sets the display language, and each read gives the words in it.

import * as l10n from '@vscode/l10n';
import type { BreakdownType, Metric } from '../api/types';

/** How values of a metric combine: counts add up; averages, percentiles and peaks do not. */
export type Combine = 'sum' | 'mean' | 'max';

export interface MetricInfo {
  readonly label: string;
  readonly unit: string;
  readonly combine: Combine;
  readonly description: string;
  /**
   * A 0 in the API's answer means no request in that bucket, not a value: no request reaches its first byte in
   * 0 ms. Shown as no data (a gap, "–"), and left out of the series' mean or peak.
   */
  readonly zeroMeansNoData?: true;
}

export const METRIC_INFO: Readonly<Record<string, MetricInfo>> = {
  credits: { get label() { return l10n.t('Credits'); }, get unit() { return l10n.t('credits'); }, combine: 'sum', get description() { return l10n.t('Credits charged (the billing unit)'); } },
  tts_characters: { get label() { return l10n.t('TTS characters'); }, get unit() { return l10n.t('characters'); }, combine: 'sum', get description() { return l10n.t('Characters of text turned into speech'); } },
  minutes_used: { get label() { return l10n.t('Minutes used'); }, get unit() { return l10n.t('minutes'); }, combine: 'sum', get description() { return l10n.t('Minutes of audio for time-billed products'); } },
  request_count: { get label() { return l10n.t('Requests'); }, get unit() { return l10n.t('requests'); }, combine: 'sum', get description() { return l10n.t('Number of API requests'); } },
  ttfb_avg: { get label() { return l10n.t('Time to first byte (mean)'); }, get unit() { return l10n.t('ms'); }, combine: 'mean', get description() { return l10n.t('Average latency to the first audio byte'); }, zeroMeansNoData: true },
  ttfb_p95: { get label() { return l10n.t('Time to first byte (p95)'); }, get unit() { return l10n.t('ms'); }, combine: 'max', get description() { return l10n.t('95th percentile latency to the first audio byte'); }, zeroMeansNoData: true },
  fiat_units_spent: { get label() { return l10n.t('Money spent'); }, get unit() { return l10n.t('fiat units'); }, combine: 'sum', get description() { return l10n.t('Spend in your billing currency’s units'); } },
  concurrency: { get label() { return l10n.t('Peak concurrency'); }, get unit() { return l10n.t('concurrent requests'); }, combine: 'max', get description() { return l10n.t('Most requests running at once'); } },
  concurrency_average: { get label() { return l10n.t('Average concurrency'); }, get unit() { return l10n.t('concurrent requests'); }, combine: 'mean', get description() { return l10n.t('Requests running at once, on average'); } },
};

export function metricInfo(metric: Metric | undefined): MetricInfo {
  const key = metric ?? 'credits';
  return own(METRIC_INFO, key) ?? { label: humanize(key), unit: key, combine: 'sum', description: l10n.t('A metric this version does not know yet') };
}

export interface BreakdownInfo {
  readonly label: string;
  readonly description: string;
  /** Refused by the service unless include_workspace_metrics is true. */
  readonly needsWorkspaceMetrics: boolean;
}

export const BREAKDOWN_INFO: Readonly<Record<string, BreakdownInfo>> = {
  none: { get label() { return l10n.t('No breakdown'); }, get description() { return l10n.t('One series with the total'); }, needsWorkspaceMetrics: false },
  voice: { get label() { return l10n.t('Voice'); }, get description() { return l10n.t('One series per voice'); }, needsWorkspaceMetrics: false },
  voice_multiplier: { get label() { return l10n.t('Voice multiplier'); }, get description() { return l10n.t('By the price multiplier of the voice'); }, needsWorkspaceMetrics: false },
  user: { get label() { return l10n.t('User'); }, get description() { return l10n.t('One series per workspace member'); }, needsWorkspaceMetrics: true },
  groups: { get label() { return l10n.t('Groups'); }, get description() { return l10n.t('By workspace group'); }, needsWorkspaceMetrics: false },
  api_keys: { get label() { return l10n.t('API keys'); }, get description() { return l10n.t('By API key of the workspace'); }, needsWorkspaceMetrics: true },
  all_api_keys: { get label() { return l10n.t('All API keys'); }, get description() { return l10n.t('By API key, including deleted ones'); }, needsWorkspaceMetrics: true },
  product_type: { get label() { return l10n.t('Product'); }, get description() { return l10n.t('Text to speech, dubbing, agents…'); }, needsWorkspaceMetrics: false },
  model: { get label() { return l10n.t('Model'); }, get description() { return l10n.t('By model, e.g. eleven_multilingual_v2'); }, needsWorkspaceMetrics: false },
  resource: { get label() { return l10n.t('Resource'); }, get description() { return l10n.t('By resource (project, agent…)'); }, needsWorkspaceMetrics: false },
  request_queue: { get label() { return l10n.t('Request queue'); }, get description() { return l10n.t('By queue the request ran in'); }, needsWorkspaceMetrics: false },
  region: { get label() { return l10n.t('Region'); }, get description() { return l10n.t('By serving region'); }, needsWorkspaceMetrics: false },
  subresource_id: { get label() { return l10n.t('Subresource'); }, get description() { return l10n.t('By subresource id'); }, needsWorkspaceMetrics: false },
  reporting_workspace_id: { get label() { return l10n.t('Reporting workspace'); }, get description() { return l10n.t('By workspace that reported the usage'); }, needsWorkspaceMetrics: false },
  has_api_key: { get label() { return l10n.t('Has API key'); }, get description() { return l10n.t('API requests against the web app'); }, needsWorkspaceMetrics: false },
  request_source: { get label() { return l10n.t('Request source'); }, get description() { return l10n.t('API, web app, SDK…'); }, needsWorkspaceMetrics: false },
};

export function breakdownInfo(breakdown: BreakdownType | undefined): BreakdownInfo {
  const key = breakdown ?? 'none';
  return own(BREAKDOWN_INFO, key) ?? { label: humanize(key), description: l10n.t('A breakdown this version does not know yet'), needsWorkspaceMetrics: false };
}

/** "Credits" for credits (the label names the unit already), "Time to first byte (mean), ms" otherwise. */
export function labelWithUnit(data: { readonly metricLabel: string; readonly unit: string }): string {
  const label = data.metricLabel;
  if (label.toLowerCase().includes(data.unit.toLowerCase())) {
    return label;
  }
  return /\)$/.test(label) ? `${label}, ${data.unit}` : `${label} (${data.unit})`;
}

export const INTERVAL_LABELS: Readonly<Record<string, string>> = {
  get hour() { return l10n.t('Hourly'); },
  get day() { return l10n.t('Daily'); },
  get week() { return l10n.t('Weekly'); },
  get month() { return l10n.t('Monthly'); },
  get cumulative() { return l10n.t('Cumulative (one figure per series)'); },
};


/**
 * A catalog entry for a value from outside (the enums are open): own entries only, so that a value such as
 * "constructor" or "__proto__" reads as unknown instead of reaching Object.prototype.
 */
function own<T>(catalog: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(catalog, key) ? catalog[key] : undefined;
}

/** "some_new_value" → "Some new value". */
export function humanize(value: string): string {
  const words = value.replace(/_/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : l10n.t('(unnamed)');
}
