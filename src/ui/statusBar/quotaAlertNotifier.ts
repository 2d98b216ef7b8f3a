// Quota alerts in VS Code: the elevenlabsUsage.quotaAlerts setting, the record in globalState (shared by every
// window of the profile), the claim files in the extension's global storage folder and the notification. Which
// alert is due, and who shows it, is decided in src/status/quotaAlerts.ts.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SubscriptionQuota } from '../../api/types';
import { withoutLinks } from '../../api/serviceText';
import { FileClaims } from '../../status/schedule/fileClaims';
import { LEGACY_ACCOUNT, QuotaAlerts, type ClaimRegistry } from '../../status/quotaAlerts';
import type { ZonedCalendar } from '../../usage/calendar/timeZone';
import { BILLING_PERIOD_PRESET } from '../../usage/kinds/billingPeriodKind';
import { readSettings, SECTION } from '../settings';

export const QUOTA_ALERTS_SETTING = `${SECTION}.quotaAlerts`;
/** What the alert's Show Usage opens: the Show Usage command's argument for the billing-period chart. */
export const BILLING_PERIOD_CHART = { preset: BILLING_PERIOD_PRESET } as const;

export interface QuotaAlertNotifierDeps {
  readonly globalState: vscode.Memento;
  /** The extension's global storage folder: the same for every window of the profile on this machine. */
  readonly globalStorageUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  calendar(): ZonedCalendar;
}

/**
 * Claims for a storage folder that is not on a local disk (which a Node extension host is not given in any kind of
 * window VS Code has today): kept in this window only, so two such windows could both notify. Said in the log.
 */
class WindowClaims implements ClaimRegistry {
  private readonly names = new Set<string>();

  async claim(name: string): Promise<boolean> {
    const won = !this.names.has(name);
    this.names.add(name);
    return won;
  }

  async forget(within: string, keep: string): Promise<void> {
    for (const name of [...this.names].filter((n) => n.startsWith(within) && !n.startsWith(keep))) {
      this.names.delete(name);
    }
  }
}

export class QuotaAlertNotifier implements vscode.Disposable {
  private readonly alerts: QuotaAlerts;
  private readonly subscription: vscode.Disposable;
  private thresholds: readonly number[];
  /** The last quota seen of each account (by its quota's account id), with its name, for new thresholds to look at. */
  private readonly lastQuotas = new Map<string, { readonly quota: SubscriptionQuota; readonly accountName: string | undefined }>();

  constructor(private readonly deps: QuotaAlertNotifierDeps) {
    this.alerts = new QuotaAlerts({
      store: deps.globalState,
      claims: this.claims(),
      notify: (message, actions) => vscode.window.showWarningMessage(withoutLinks(message), ...actions),
      // The chart of the period the alert is about: its credits so far, the limit, and where they lead by the reset.
      showUsage: () => void vscode.commands.executeCommand('elevenlabsUsage.showUsage', BILLING_PERIOD_CHART),
      now: () => Date.now(),
      calendar: () => deps.calendar(),
      locale: vscode.env.language,
      onProblem: (message) => deps.log.warn(message),
    });
    this.thresholds = this.readThresholds();
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(QUOTA_ALERTS_SETTING)) {
        this.thresholds = this.readThresholds();
        // New thresholds may be reached already by the quotas shown.
        for (const { quota, accountName } of [...this.lastQuotas.values()]) {
          this.check(quota, true, accountName);
        }
      }
    });
  }

  private claims(): ClaimRegistry {
    const { globalStorageUri, log } = this.deps;
    if (globalStorageUri.scheme === 'file') {
      return new FileClaims(path.join(globalStorageUri.fsPath, 'quota-alerts'), vscode.env.sessionId);
    }
    log.warn(`Quota alerts: the storage folder ${globalStorageUri.toString()} is not on this machine's disk, so windows cannot agree on who shows an alert; two windows may both show one.`);
    return new WindowClaims();
  }

  private readThresholds(): readonly number[] {
    const { quotaAlerts, quotaAlertsIgnored } = readSettings();
    if (quotaAlertsIgnored.length > 0) {
      this.deps.log.warn(`${QUOTA_ALERTS_SETTING}: ${JSON.stringify(quotaAlertsIgnored)} left out; the setting takes percents above 0 and up to 1000, e.g. [75, 90, 100].`);
    }
    return quotaAlerts;
  }

  /** Forgets the alerts of an account the user removed (its record and its claims, across windows). */
  forgetAccount(account: string): Promise<void> {
    this.lastQuotas.delete(account);
    return this.alerts.forgetAccount(account);
  }

  /**
   * Looks at a quota the status bar shows, of the active account or another; alerts if a threshold is newly reached
   * in that account's period. Each quota fetched is seen once. `accountName`: whose quota it is, where the user has
   * several accounts (the alert names it).
   */
  check(quota: SubscriptionQuota, again: boolean, accountName: string | undefined): void {
    const account = quota.account ?? LEGACY_ACCOUNT;
    const last = this.lastQuotas.get(account);
    if (last?.quota === quota && last.accountName === accountName && !again) {
      return;
    }
    this.lastQuotas.set(account, { quota, accountName });
    this.alerts.check(quota, this.thresholds, account, accountName).then(
      (shown) => {
        if (shown) {
          this.deps.log.info(`Quota alert: ${shown.threshold}% reached in the period ${shown.period}.`);
        }
      },
      (error: unknown) => this.deps.log.error(`Quota alert check failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
