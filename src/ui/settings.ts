// Reads the extension's settings. Every setting that decides where the key goes (the base URL), what "today" is
// (the time zone), which endpoint it is sent to (the source), how often or whether the service is asked (the
// refresh interval, the item's display) or whether the user is warned (the quota colours and alerts) is application-scoped in package.json: VS Code reads
// it from the User settings only, also in remote and server windows (where a machine-scoped setting would come
// from the remote's own settings and the User value would be ignored), and never from a workspace, so that a
// cloned repository's .vscode/settings.json cannot redirect the user's key, spend it every millisecond or silence
// the alerts. This module reads only the global (User) value of those to make sure of it, and bounds each value:
// the User settings file is read as untrusted text too. Only chart.buckets (how a chart the user opens is drawn)
// may come from a workspace.

import * as vscode from 'vscode';
import { DEFAULT_BASE_URL } from '../api/baseUrl';
import { readThresholds } from '../status/quotaAlerts';
import { MAX_INTERVAL_MS, MIN_INTERVAL_MS } from '../status/schedule/refreshScheduler';
import type { StatusDisplay } from '../status/statusModel';
import { readSourceSetting, type SourceSetting } from '../usage/query/sourceSetting';

export const SECTION = 'elevenlabsUsage';
const DEFAULT_REFRESH_SECONDS = 300;

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
  /** elevenlabsUsage.statusBar.accounts: the active account's figure in the item, or the sum of every account's. */
  readonly statusBarAccounts: 'active' | 'sum';
  /** elevenlabsUsage.source: where the credit figures come from (usage/query/analyticsFields.ts). */
  readonly source: SourceSetting;
}

/** The User settings' value (or undefined): never a workspace's or a folder's, whatever VS Code would merge. */
function userValue(config: vscode.WorkspaceConfiguration, name: string): unknown {
  return config.inspect<unknown>(name)?.globalValue;
}

function percentSetting(config: vscode.WorkspaceConfiguration, name: string, fallback: number): number {
  const value = userValue(config, name);
  return (typeof value === 'number' && value > 0 && value <= 100 ? value : fallback) / 100;
}

/** The refresh interval in ms, within MIN_INTERVAL_MS..MAX_INTERVAL_MS (a value outside is taken to the nearer bound). */
export function refreshIntervalMs(seconds: unknown): number {
  const ms = typeof seconds === 'number' && Number.isFinite(seconds) ? seconds * 1000 : DEFAULT_REFRESH_SECONDS * 1000;
  return Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, ms));
}

function quotaAlerts(config: vscode.WorkspaceConfiguration): Pick<Settings, 'quotaAlerts' | 'quotaAlertsIgnored'> {
  const { thresholds, ignored } = readThresholds(userValue(config, 'quotaAlerts'));
  return { quotaAlerts: thresholds, quotaAlertsIgnored: ignored };
}

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const baseUrl = userValue(config, 'apiBaseUrl');
  const timeZone = userValue(config, 'timeZone');
  const display = userValue(config, 'statusBar.display');
  return {
    apiBaseUrl: typeof baseUrl === 'string' ? baseUrl : DEFAULT_BASE_URL,
    timeZone: typeof timeZone === 'string' ? timeZone : '',
    refreshIntervalMs: refreshIntervalMs(userValue(config, 'refreshIntervalSeconds')),
    statusBarDisplay: display === 'iconOnly' || display === 'hidden' ? display : 'full',
    quotaWarningThreshold: percentSetting(config, 'statusBar.quotaWarningPercent', 80),
    quotaErrorThreshold: percentSetting(config, 'statusBar.quotaErrorPercent', 95),
    chartBuckets: config.get<string>('chart.buckets', 'local') === 'utc' ? 'utc' : 'local',
    ...quotaAlerts(config),
    source: readSourceSetting(userValue(config, 'source')),
    statusBarAccounts: userValue(config, 'statusBar.accounts') === 'sum' ? 'sum' : 'active',
  };
}
