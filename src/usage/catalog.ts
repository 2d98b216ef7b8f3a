// What the pickers and the chart say about each enum value of the API: a label, a short description, the
// unit, and how a metric combines over time and across series. Unknown values (the enums are open) get a
// readable fallback instead of an error.

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
  credits: { label: 'Credits', unit: 'credits', combine: 'sum', description: 'Credits charged (the billing unit)' },
  tts_characters: { label: 'TTS characters', unit: 'characters', combine: 'sum', description: 'Characters of text turned into speech' },
  minutes_used: { label: 'Minutes used', unit: 'minutes', combine: 'sum', description: 'Minutes of audio for time-billed products' },
  request_count: { label: 'Requests', unit: 'requests', combine: 'sum', description: 'Number of API requests' },
  ttfb_avg: { label: 'Time to first byte (mean)', unit: 'ms', combine: 'mean', description: 'Average latency to the first audio byte', zeroMeansNoData: true },
  ttfb_p95: { label: 'Time to first byte (p95)', unit: 'ms', combine: 'max', description: '95th percentile latency to the first audio byte', zeroMeansNoData: true },
  fiat_units_spent: { label: 'Money spent', unit: 'fiat units', combine: 'sum', description: 'Spend in your billing currency\u2019s units' },
  concurrency: { label: 'Peak concurrency', unit: 'concurrent requests', combine: 'max', description: 'Most requests running at once' },
  concurrency_average: { label: 'Average concurrency', unit: 'concurrent requests', combine: 'mean', description: 'Requests running at once, on average' },
};

export function metricInfo(metric: Metric | undefined): MetricInfo {
  const key = metric ?? 'credits';
  return own(METRIC_INFO, key) ?? { label: humanize(key), unit: key, combine: 'sum', description: 'A metric this version does not know yet' };
}

export interface BreakdownInfo {
  readonly label: string;
  readonly description: string;
  /** Refused by the service unless include_workspace_metrics is true. */
  readonly needsWorkspaceMetrics: boolean;
}

export const BREAKDOWN_INFO: Readonly<Record<string, BreakdownInfo>> = {
  none: { label: 'No breakdown', description: 'One series with the total', needsWorkspaceMetrics: false },
  voice: { label: 'Voice', description: 'One series per voice', needsWorkspaceMetrics: false },
  voice_multiplier: { label: 'Voice multiplier', description: 'By the price multiplier of the voice', needsWorkspaceMetrics: false },
  user: { label: 'User', description: 'One series per workspace member', needsWorkspaceMetrics: true },
  groups: { label: 'Groups', description: 'By workspace group', needsWorkspaceMetrics: false },
  api_keys: { label: 'API keys', description: 'By API key of the workspace', needsWorkspaceMetrics: true },
  all_api_keys: { label: 'All API keys', description: 'By API key, including deleted ones', needsWorkspaceMetrics: true },
  product_type: { label: 'Product', description: 'Text to speech, dubbing, agents\u2026', needsWorkspaceMetrics: false },
  model: { label: 'Model', description: 'By model, e.g. eleven_multilingual_v2', needsWorkspaceMetrics: false },
  resource: { label: 'Resource', description: 'By resource (project, agent\u2026)', needsWorkspaceMetrics: false },
  request_queue: { label: 'Request queue', description: 'By queue the request ran in', needsWorkspaceMetrics: false },
  region: { label: 'Region', description: 'By serving region', needsWorkspaceMetrics: false },
  subresource_id: { label: 'Subresource', description: 'By subresource id', needsWorkspaceMetrics: false },
  reporting_workspace_id: { label: 'Reporting workspace', description: 'By workspace that reported the usage', needsWorkspaceMetrics: false },
  has_api_key: { label: 'Has API key', description: 'API requests against the web app', needsWorkspaceMetrics: false },
  request_source: { label: 'Request source', description: 'API, web app, SDK\u2026', needsWorkspaceMetrics: false },
};

export function breakdownInfo(breakdown: BreakdownType | undefined): BreakdownInfo {
  const key = breakdown ?? 'none';
  return own(BREAKDOWN_INFO, key) ?? { label: humanize(key), description: 'A breakdown this version does not know yet', needsWorkspaceMetrics: false };
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
  hour: 'Hourly',
  day: 'Daily',
  week: 'Weekly',
  month: 'Monthly',
  cumulative: 'Cumulative (one figure per series)',
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
  return words ? words[0]!.toUpperCase() + words.slice(1) : '(unnamed)';
}
