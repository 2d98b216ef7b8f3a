// The user's time zone for everything the extension shows: the elevenlabsUsage.timeZone setting (an IANA name,
// read from the User settings only, like the base URL), or the system's zone when it is empty. In a remote or
// server window the extension host may run on a machine in another zone; the setting lets the user say which day
// is "today". A name the runtime does not know is reported once, and the system's zone is used meanwhile.

import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { withoutLinks } from '../api/serviceText';
import { resolveTimeZone, systemTimeZone, ZonedCalendar, type ResolvedTimeZone } from '../usage/calendar/timeZone';
import { readSettings, SECTION } from './settings';

export const TIME_ZONE_SETTING = `${SECTION}.timeZone`;

/** "Pacific/Auckland (from elevenlabsUsage.timeZone)" or "UTC (the system's)", for the log. */
function describe(resolved: ResolvedTimeZone): string {
  return `${resolved.zone} (${resolved.source === 'setting' ? `from ${TIME_ZONE_SETTING}` : 'the system\u2019s'})`;
}

export class UserTimeZone implements vscode.Disposable {
  private resolved: ResolvedTimeZone;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  /** The last setting whose problem was shown, so that one bad value is reported once. */
  private reportedProblemFor: string | undefined;
  /** Fires when the zone in use changes (the setting changed to another valid zone, or became invalid). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.resolved = this.resolve();
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(TIME_ZONE_SETTING)) {
        return;
      }
      const previous = this.resolved.zone;
      this.resolved = this.resolve();
      if (this.resolved.zone !== previous) {
        this.changed.fire();
      }
    });
  }


  /** The IANA name of the zone in use. */
  get zone(): string {
    return this.resolved.zone;
  }

  get calendar(): ZonedCalendar {
    return ZonedCalendar.for(this.resolved.zone);
  }

  private resolve(): ResolvedTimeZone {
    const setting = readSettings().timeZone;
    const resolved = resolveTimeZone(setting, systemTimeZone());
    if (resolved.problem && setting !== this.reportedProblemFor) {
      this.reportedProblemFor = setting;
      this.log.warn(resolved.problem);
      void vscode.window.showWarningMessage(withoutLinks(resolved.problem), l10n.t('Open Settings')).then((choice) => {
        if (choice) {
          void vscode.commands.executeCommand('workbench.action.openSettings', TIME_ZONE_SETTING);
        }
      });
    } else if (!resolved.problem) {
      this.reportedProblemFor = undefined;
    }
    this.log.info(`Time zone: ${describe(resolved)}.`);
    return resolved;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
