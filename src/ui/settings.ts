// Reads the extension's settings. The base URL and the time zone are application-scoped in package.json: VS Code
// reads them from the User settings only, also in remote and server windows (where a machine-scoped setting
// would come from the remote's own settings and the User value would be ignored), and never from a workspace,
// so that a cloned repository's .vscode/settings.json cannot redirect the user's key. This module reads only the
// global (User) value to make sure of it.

import * as vscode from 'vscode';
import { DEFAULT_BASE_URL } from '../api/baseUrl';
import { readThresholds } from '../status/quotaAlerts';
import type { StatusDisplay } from '../status/statusModel';

export const SECTION = 'elevenlabsUsage';
export const MIN_REFRESH_SECONDS = 60;

export type StatusBarSetting = StatusDisplay | 'hidden';

export interface Settings {
  readonly apiBaseUrl: string;
  /** An IANA zone name, or '' for the system's zone. Unchecked: see resolveTimeZone. */
  readonly timeZone: string;
  readonly refreshIntervalMs: number;
  readonly statusBarDisplay: StatusBarSetting;
  readonly quotaWarningThreshold: number;
  readonly quotaErrorThreshold: number;
  /** Chart buckets for counts: the user's local hours, days, weeks and months, or the API's UTC ones. */
  readonly chartBuckets: 'local' | 'utc';
  /** elevenlabsUsage.quotaAlerts: percents of the quota that raise a notification, ascending; empty for none. */
  readonly quotaAlerts: readonly number[];
  /** Entries of that setting that are not percents this extension can use (reported, then left out). */
  readonly quotaAlertsIgnored: readonly unknown[];
}

function percentSetting(config: vscode.WorkspaceConfiguration, name: string, fallback: number): number {
  const value = config.get<number>(name, fallback);
  return (typeof value === 'number' && value > 0 && value <= 100 ? value : fallback) / 100;
}

function quotaAlerts(config: vscode.WorkspaceConfiguration): Pick<Settings, 'quotaAlerts' | 'quotaAlertsIgnored'> {
  const { thresholds, ignored } = readThresholds(config.get<unknown>('quotaAlerts'));
  return { quotaAlerts: thresholds, quotaAlertsIgnored: ignored };
}

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const baseUrl = config.inspect<string>('apiBaseUrl');
  const timeZone = config.inspect<string>('timeZone')?.globalValue;
  const seconds = config.get<number>('refreshIntervalSeconds', 300);
  const display = config.get<string>('statusBar.display', 'full');
  return {
    apiBaseUrl: baseUrl?.globalValue ?? baseUrl?.defaultValue ?? DEFAULT_BASE_URL,
    timeZone: typeof timeZone === 'string' ? timeZone : '',
    refreshIntervalMs: Math.max(MIN_REFRESH_SECONDS, Number.isFinite(seconds) ? seconds : 300) * 1000,
    statusBarDisplay: display === 'iconOnly' || display === 'hidden' ? display : 'full',
    quotaWarningThreshold: percentSetting(config, 'statusBar.quotaWarningPercent', 80),
    quotaErrorThreshold: percentSetting(config, 'statusBar.quotaErrorPercent', 95),
    chartBuckets: config.get<string>('chart.buckets', 'local') === 'utc' ? 'utc' : 'local',
    ...quotaAlerts(config),
  };
}
