// The status bar item: wires today's usage (src/status) to a VS Code StatusBarItem, the window's focus, the
// settings and the key store. What it shows in each state is decided by statusView() in src/status.

import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { ElevenLabsClient } from '../../api/client';
import type { ElevenLabsError } from '../../api/errors';
import type { SubscriptionQuota } from '../../api/types';
import { withoutLinks } from '../../api/serviceText';
import { boundedDelay } from '../../status/schedule/boundedDelay';
import { RefreshScheduler, type SharedPause } from '../../status/schedule/refreshScheduler';
import { statusView, type StatusView } from '../../status/statusModel';
import { COMMANDS, type StatusState, type UsageSnapshot } from '../../status/statusState';
import { TodayUsage } from '../../status/todayUsage';
import { quotasOfOthers, withAccounts, type AccountsShown } from '../../status/accounts/accountWords';
import { OtherAccounts, type SharedTurns } from '../../status/accounts/otherAccounts';
import type { Credentials, ObservableKeyStore } from '../key/accountStore';
import { readSettings, SECTION, type Settings } from '../settings';
import type { UserTimeZone } from '../userTimeZone';

const KEY_PROMPT_AT = 'elevenlabsUsage.lastKeyPromptAt';
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/**
 * The midnight timer waits at least a second and at most this: the longest local day is 25 hours (and a zone's
 * rules or the machine's clock may say stranger things; then the figure is looked at again a little early).
 */
const MAX_MIDNIGHT_WAIT_MS = 26 * HOUR_MS;

export interface StatusBarDeps {
  /** Says when the key to show changed: another account became active, or its key changed. */
  readonly keys: Pick<ObservableKeyStore, 'onDidChange'>;
  /** The active account's key and host, read together; undefined when it has no key. */
  credentials(): Promise<Credentials | undefined>;
  /** A client for those credentials; throws an invalidBaseUrl error for a bad host. */
  createClient(credentials: Credentials): ElevenLabsClient;
  readonly log: vscode.LogOutputChannel;
  readonly memento: vscode.Memento;
  /** The user's zone: "today" starts at midnight there. */
  readonly timeZone: UserTimeZone;
  /**
   * The host requests go to (from the base URL), named in the tooltip, and whether it is neither ElevenLabs' nor
   * this machine; undefined when the setting is unusable.
   */
  apiHost(): { readonly host: string; readonly foreign: boolean } | undefined;
  /** Called once, when the first figure is shown (for start-up timing). */
  readonly onFirstFigure?: () => void;
  /**
   * Sees every quota shown (the active account's, and the others' in the tooltip), for the quota alerts, with the
   * account's name where there are several.
   */
  readonly onQuota?: (quota: SubscriptionQuota, accountName: string | undefined) => void;
  /** The accounts to name in the item and list in its tooltip (several, or one, which is not named). */
  readonly accounts?: {
    shown(): Omit<AccountsShown, 'figuresOf'>;
    readonly onDidChangeList: vscode.Event<void>;
    /** A client for an account that is not active, for its figures in the tooltip; undefined when it has no key. */
    clientFor(accountId: string): Promise<ElevenLabsClient | undefined>;
  };
  /** The pause every window of the profile keeps to after a fault (status/schedule/filePause.ts), for the host in use. */
  pause(): SharedPause;
  /** The other accounts' turns, which every window of the profile keeps to; left out, this window's alone. */
  readonly otherAccountTurns?: SharedTurns;
}

/** The snapshot's characters, where they are of today (a stale figure of an earlier day is not added up). */
function todayCharacters(snapshot: UsageSnapshot, words: { nowMs: number; calendar: { isSameDay(a: number, b: number): boolean } }): number | undefined {
  return words.calendar.isSameDay(snapshot.fetchedAtMs, words.nowMs) ? snapshot.charactersToday : undefined;
}

export class UsageStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly usage: TodayUsage;
  private readonly scheduler: RefreshScheduler;
  /** The figures of the accounts that are not active, for the tooltip (a budget of their own). */
  private readonly others: OtherAccounts;
  private readonly disposables: vscode.Disposable[] = [];
  private settings: Settings = readSettings();
  private shown: StatusView | undefined;
  private firstFigureShown = false;
  private midnightTimer: ReturnType<typeof setTimeout> | undefined;
  private lastLoggedProblem: string | undefined;
  /** Set by the Refresh command until the refresh it starts takes it. */
  private userAsked = false;

  constructor(private readonly deps: StatusBarDeps) {
    this.item = vscode.window.createStatusBarItem('elevenlabsUsage.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'ElevenLabs Usage';
    this.usage = new TodayUsage({
      getClient: async () => {
        // The key and its host from one read of one account: never one account's key to another's host.
        const credentials = await deps.credentials();
        return credentials ? deps.createClient(credentials) : undefined;
      },
      now: () => Date.now(),
      calendar: () => deps.timeZone.calendar,
      onState: (state) => this.render(state),
      onKeyRefused: (error) => this.askForNewKey(error),
      successorChosen: () => this.settings.source === 'analytics',
    });
    this.others = new OtherAccounts({
      clientFor: async (id) => deps.accounts?.clientFor(id),
      calendar: () => deps.timeZone.calendar,
      clock: { now: () => Date.now(), setTimeout: (callback, ms) => setTimeout(callback, ms), clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>) },
      onChange: () => this.render(this.usage.current),
      ...(deps.otherAccountTurns ? { turns: deps.otherAccountTurns } : {}),
    });
    this.scheduler = new RefreshScheduler(
      (signal) => this.usage.refresh(signal, { showProgress: this.takeUserAsked() }),
      this.settings.refreshIntervalMs,
      undefined,
      // Asked for at each use: the host (and so the pause that applies) may have changed.
      { read: () => deps.pause().read(), extend: (record) => deps.pause().extend(record), liftIfSetBy: (ms) => deps.pause().liftIfSetBy(ms) },
    );
    this.disposables.push(
      this.item,
      { dispose: () => this.scheduler.dispose() },
      { dispose: () => this.others.stop() },
      vscode.window.onDidChangeWindowState(() => {
        this.scheduler.setFocused(this.polls());
        this.syncOthers();
        if (this.polls() && this.showsAnEarlierDay()) {
          this.scheduler.dayChanged();
        }
      }),
      deps.keys.onDidChange(() => this.startOver()),
      // A name changed, or an account came or went: the item and the tooltip say so at once.
      ...(deps.accounts
        ? [
            deps.accounts.onDidChangeList(() => {
              this.syncOthers();
              this.render(this.usage.current);
            }),
          ]
        : []),
      // Another zone is another "today": the figures shown are for a day that no longer applies.
      deps.timeZone.onDidChange(() => {
        this.armMidnight();
        this.startOver();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => this.onSettingsChanged(event)),
    );
  }

  /** Shows the item and begins polling; called after start-up has finished. */
  start(): void {
    this.render(this.usage.current);
    this.scheduler.start(this.polls());
    this.syncOthers();
    if (!this.polls()) {
      this.showNoKeyIfNone();
    }
    this.armMidnight();
  }

  /** The other accounts' turns run while this one polls, for the accounts that are not active now. */
  private syncOthers(): void {
    const shown = this.deps.accounts?.shown();
    this.others.setAccounts(shown ? shown.names.filter((a) => a.id !== shown.activeId).map((a) => a.id) : []);
    if (this.polls()) {
      this.others.start();
    } else {
      this.others.stop();
    }
  }

  /** Requests are made only while the window is focused and the item is shown. */
  private polls(): boolean {
    return vscode.window.state.focused && this.settings.statusBarDisplay !== 'hidden';
  }

  /** The key or the host changed: figures of another account must go, and new ones come when polling allows. */
  private startOver(): void {
    this.usage.reset();
    this.syncOthers();
    void this.scheduler.restart();
    if (!this.polls()) {
      this.showNoKeyIfNone();
    }
  }

  /** Knowing there is no key takes no request, so even a window in the background shows the invitation. */
  private showNoKeyIfNone(): void {
    void this.usage.showNoKeyIfNone();
  }

  /** Whether the refresh starting now is one the user asked for (it may show a spinner); asked once. */
  private takeUserAsked(): boolean {
    const asked = this.userAsked;
    this.userAsked = false;
    return asked;
  }

  /** At local midnight "today" starts again: mark the figure as yesterday's and refresh if focused. */
  private armMidnight(): void {
    clearTimeout(this.midnightTimer);
    const now = Date.now();
    // A second past midnight, so that the new day has begun whatever the timer's drift.
    const untilMidnight = this.deps.timeZone.calendar.startOfNextDay(now) - now + 1000;
    this.midnightTimer = setTimeout(() => {
      this.render(this.usage.current);
      // Only for figures of a day that has ended: a timer that fired early (a zone's odd rules, a clock that
      // jumped) must not become a refresh at every tick.
      if (this.polls() && this.showsAnEarlierDay()) {
        this.scheduler.dayChanged();
      }
      this.armMidnight();
    }, boundedDelay(untilMidnight, 1000, MAX_MIDNIGHT_WAIT_MS));
  }

  private showsAnEarlierDay(): boolean {
    const snapshot = this.usage.lastSnapshot;
    return snapshot !== undefined && !this.deps.timeZone.calendar.isSameDay(snapshot.fetchedAtMs, Date.now());
  }

  /** Refreshes now, as the user asked (joining a refresh in flight). */
  refresh(): Promise<void> {
    this.userAsked = true;
    // Joined to a refresh already under way, the request is answered by it: nothing is left for a later one.
    return this.scheduler.refreshNow().finally(() => {
      this.userAsked = false;
    });
  }

  get state(): StatusState {
    return this.usage.current;
  }

  /** The last good figures (the quota and its pace among them), current or stale; undefined before any. */
  get snapshot(): UsageSnapshot | undefined {
    return this.usage.lastSnapshot;
  }

  /** Whether the item is in the status bar (statusBar.display is not `hidden`), for tests. */
  get isShown(): boolean {
    return this.settings.statusBarDisplay !== 'hidden';
  }

  /** What the item shows now, for the status-bar click and for tests. */
  get view(): StatusView | undefined {
    return this.shown;
  }

  private onSettingsChanged(event: vscode.ConfigurationChangeEvent): void {
    if (!event.affectsConfiguration(SECTION)) {
      return;
    }
    const previous = this.settings;
    this.settings = readSettings();
    this.scheduler.setIntervalMs(this.settings.refreshIntervalMs);
    this.scheduler.setFocused(this.polls());
    // Another host, or another endpoint for the same figures: what is shown no longer answers the question.
    if (previous.apiBaseUrl !== this.settings.apiBaseUrl || previous.source !== this.settings.source) {
      this.startOver();
    }
    this.render(this.usage.current);
  }

  private render(state: StatusState): void {
    const { statusBarDisplay } = this.settings;
    const words = { nowMs: Date.now(), calendar: this.deps.timeZone.calendar, locale: vscode.env.language };
    // The accounts once for the whole render: the item, the tooltip and the alerts see the same list.
    const listed = this.deps.accounts?.shown();
    const accounts = listed && { ...listed, figuresOf: (id: string) => this.others.figuresOf(id) };
    const view = withAccounts(
      statusView(state, {
        display: statusBarDisplay === 'iconOnly' ? 'iconOnly' : 'full',
        warningThreshold: this.settings.quotaWarningThreshold,
        errorThreshold: this.settings.quotaErrorThreshold,
        ...words,
        ...this.hostOptions(),
      }),
      accounts && {
        ...accounts,
        mode: this.settings.statusBarAccounts,
        activeCharactersToday: state.kind === 'current' || state.kind === 'stale' ? todayCharacters(state.snapshot, words) : undefined,
      },
      words,
    );
    this.shown = view;
    const tooltip = new vscode.MarkdownString(view.tooltipMarkdown, true);
    tooltip.isTrusted = { enabledCommands: Object.values(COMMANDS) };
    this.item.text = view.text;
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: view.accessibilityLabel };
    this.item.command = view.command;
    this.item.backgroundColor =
      view.background === undefined ? undefined : new vscode.ThemeColor(`statusBarItem.${view.background}Background`);
    if (statusBarDisplay === 'hidden') {
      this.item.hide();
    } else {
      this.item.show();
    }
    if ((state.kind === 'current' || state.kind === 'stale') && state.snapshot.quota) {
      const named = accounts && accounts.names.length > 1 ? accounts.names.find((a) => a.id === accounts.activeId)?.name : undefined;
      this.deps.onQuota?.(state.snapshot.quota, named);
    }
    // The other accounts' quotas too, as their turns bring them: each account's alerts are its own.
    for (const { quota, name } of accounts ? quotasOfOthers(accounts) : []) {
      this.deps.onQuota?.(quota, name);
    }
    if (state.kind === 'current' && !this.firstFigureShown) {
      this.firstFigureShown = true;
      this.deps.onFirstFigure?.();
    }
    // Logged when it changes, not at every re-render (settings, midnight) of the same state.
    const problem = state.kind === 'stale' || state.kind === 'error' ? `Status bar ${state.kind}: ${state.reason}` : undefined;
    if (problem && problem !== this.lastLoggedProblem) {
      this.deps.log.warn(problem);
    }
    this.lastLoggedProblem = problem;
  }

  private hostOptions(): { apiHost?: string; foreignHost?: boolean } {
    const api = this.deps.apiHost();
    return api ? { apiHost: api.host, foreignHost: api.foreign } : {};
  }

  /** Tells the user the stored key was refused, at most once a day (polling is halted until they act). */
  private askForNewKey(error: ElevenLabsError): void {
    const lastAsked = this.deps.memento.get<number>(KEY_PROMPT_AT, 0);
    if (Date.now() - lastAsked < DAY_MS) {
      return;
    }
    void this.deps.memento.update(KEY_PROMPT_AT, Date.now());
    void vscode.window.showWarningMessage(withoutLinks(l10n.t('ElevenLabs Usage: {0}', error.message)), l10n.t('Set API Key')).then((choice) => {
      if (choice) {
        void vscode.commands.executeCommand(COMMANDS.setApiKey);
      }
    });
  }

  dispose(): void {
    clearTimeout(this.midnightTimer);
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
  }
}
