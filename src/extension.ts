// Wires the pieces together and registers the commands; the logic lives in src/api, src/status and src/usage
// (no vscode import) and the VS Code adapters in src/ui.

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { checkBaseUrl } from './api/baseUrl';
import { ElevenLabsClient } from './api/client';
import type { StatusView } from './status/statusModel';
import type { StatusState } from './status/statusState';
import { checkStoredApiKey, offerEnvironmentKey, removeApiKey, setApiKey, type KeyCommandDeps } from './ui/key/apiKeyCommands';
import { chooseApiHost } from './ui/key/apiHostPicker';
import { apiHostOf, noticeForeignHost } from './ui/key/foreignHost';
import { AccountStore } from './ui/key/accountStore';
import { addAccountCommand, removeAccountCommand, renameAccountCommand, switchAccountCommand, type AccountCommandDeps } from './ui/key/accountCommands';
import { developmentOverrides } from './ui/developmentEnvironment';
import { QuotaAlertNotifier } from './ui/statusBar/quotaAlertNotifier';
import { RequestPauses } from './ui/statusBar/requestPauses';
import { readSettings } from './ui/settings';
import { successorReason } from './usage/query/sourceSetting';
import { UsageStatusBar } from './ui/statusBar/statusBar';
import { UserTimeZone } from './ui/userTimeZone';
import { vscodeApp } from './ui/vscodeApp';
import type * as ChartFeature from './chartFeature';
import { CHART_VIEW_TYPE } from './ui/panel/chartViewType';
import { useLanguage } from './shared/locale/language';

/** What activate() returns: read-only views for tests and for other extensions. Never the key. */
export interface ElevenLabsUsageApi {
  readonly statusBar: { readonly view: StatusView | undefined; readonly state: StatusState; readonly isShown: boolean };
  readonly chartPanel: { readonly state: ChartFeature.ChartPanel['state'] | undefined };
  /** Where the extension's log files are (the output channel is written there). */
  readonly logFolder: vscode.Uri;
  /** Start-up figures for the benchmark: time inside activate(), and until the first figure was shown. */
  readonly timings: { readonly activateMs: number; readonly firstFigureMs: number | undefined };
}

/**
 * Where the status bar item's click goes: the last 7 days of characters, by day; where the item shows credits
 * from the successor (character-stats is retired, or the user chose the successor), the workspace's credits of
 * those days from it.
 */
const STATUS_BAR_CHART = { preset: 'last7Days', aggregationInterval: 'day', metric: 'tts_characters' } as const;
const STATUS_BAR_SUCCESSOR_CHART = { preset: 'last7Days', aggregationInterval: 'day', source: 'analytics' } as const;

export function activate(context: vscode.ExtensionContext): ElevenLabsUsageApi {
  const activationStarted = performance.now();
  const timings = { activateMs: 0, firstFigureMs: undefined as number | undefined };
  // The display language and the translations the workbench loaded for it (l10n/bundle.l10n.<locale>.json).
  const language = useLanguage({ locale: vscode.env.language, messages: vscode.l10n.bundle });
  const log = vscode.window.createOutputChannel('ElevenLabs Usage', { log: true });
  const overrides = developmentOverrides(context.extensionMode, process.env);
  const accounts = new AccountStore(context.globalState, context.secrets, () => overrides.apiBaseUrl ?? readSettings().apiBaseUrl, overrides.demoKey);
  const timeZone = new UserTimeZone(log);
  /** The active account's host. */
  const configuredBaseUrl = (): string => accounts.baseUrlOf(accounts.active);
  const successorChosen = (): boolean => readSettings().source === 'analytics';
  /** A client for one account's key, to that account's host only. */
  const clientOf = ({ key, baseUrl }: { readonly key: string; readonly baseUrl: string }): ElevenLabsClient => new ElevenLabsClient({ baseUrl: checkBaseUrl(baseUrl), apiKey: key });
  /** The accounts by id and name (no host, no key), for what names them: the item, the picker, a chart's tab. */
  const accountNames = (): { list: Array<{ id: string; name: string }>; activeId: string } => {
    const { list, activeId } = accounts.accounts;
    return { list: list.map(({ id, name }) => ({ id, name })), activeId };
  };
  /**
   * What the key commands need, for the account active when the command starts: its key store and a client for
   * its host. Pinned to that account, so that a switch while the command runs cannot mix two accounts.
   */
  const keyDeps = (): KeyCommandDeps => {
    const account = accounts.active;
    return {
      keys: accounts.keysOf(account.id),
      createClient: (key) => clientOf({ key, baseUrl: accounts.baseUrlOf(account) }),
      log,
      calendar: () => timeZone.calendar,
      app: vscodeApp,
      now: () => Date.now(),
      successorChosen,
    };
  };
  const quotaAlerts = new QuotaAlertNotifier({
    globalState: context.globalState,
    globalStorageUri: context.globalStorageUri,
    log,
    calendar: () => timeZone.calendar,
  });
  const pauses = new RequestPauses(context.globalStorageUri, log);
  const statusBar = new UsageStatusBar({
    keys: accounts.activeKeys,
    credentials: () => accounts.credentialsOf(),
    createClient: clientOf,
    log,
    memento: context.globalState,
    timeZone,
    apiHost: () => apiHostOf(configuredBaseUrl()),
    onFirstFigure: () => {
      timings.firstFigureMs = performance.now() - activationStarted;
      log.info(`First figure shown ${timings.firstFigureMs.toFixed(0)} ms after activation began.`);
    },
    onQuota: (quota, accountName) => quotaAlerts.check(quota, false, accountName),
    accounts: {
      shown: () => {
        const { list, activeId } = accountNames();
        return { names: list, activeId };
      },
      onDidChangeList: accounts.onDidChangeList,
      // Each account's own key to its own host, as for the active one.
      clientFor: async (accountId) => {
        const credentials = await accounts.credentialsOfId(accountId);
        return credentials ? clientOf(credentials) : undefined;
      },
    },
    pause: () => pauses.forHost(apiHostOf(configuredBaseUrl())?.host ?? ''),
    otherAccountTurns: pauses.otherAccountTurns(),
  });
  const chartDeps: ChartFeature.ChartPanelDeps = {
    extensionUri: context.extensionUri,
    log,
    credentials: (accountId) => accounts.credentialsOfId(accountId),
    accounts: accountNames,
    timeZone: () => timeZone.zone,
    memento: context.globalState,
    utcBucketsByDefault: () => readSettings().chartBuckets === 'utc',
    // The billing-period chart uses the status bar's quota and pace, so that it says what the tooltip says.
    knownQuota: () => statusBar.snapshot,
    successor: () => successorReason(readSettings().source, statusBar.snapshot?.charactersRetiredSinceMs),
  };
  const accountDeps: AccountCommandDeps = {
    accounts,
    memento: context.globalState,
    log,
    keyCommandDeps: () => keyDeps(),
    clientOf,
    forgetAlerts: (accountId) => quotaAlerts.forgetAccount(accountId),
    randomHex: () => randomBytes(8).toString('hex'),
  };
  let chartFeature: typeof ChartFeature | undefined;
  // The chart's host code is a bundle of its own (dist/chart.js), loaded the first time a chart opens.
  const chart = (): typeof ChartFeature => {
    if (!chartFeature) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, from the bundle beside this one
      chartFeature = require('./chart.js') as typeof ChartFeature;
      // dist/chart.js carries its own copy of the language modules: it speaks what this bundle speaks.
      chartFeature.useLanguage(language);
    }
    return chartFeature;
  };

  context.subscriptions.push(
    log,
    accounts,
    timeZone,
    quotaAlerts,
    statusBar,
    // Another window of the profile may have switched, added or removed an account while this one was away.
    vscode.window.onDidChangeWindowState((state) => {
      if (state.focused) {
        accounts.noticeChanges();
      }
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('elevenlabsUsage.apiBaseUrl')) {
        logApiHost(log, configuredBaseUrl());
        noticeForeignHost(context.globalState, log, configuredBaseUrl());
      }
    }),
    vscode.commands.registerCommand('elevenlabsUsage.setApiKey', () => setApiKey(keyDeps())),
    vscode.commands.registerCommand('elevenlabsUsage.checkApiKey', () => checkStoredApiKey(keyDeps())),
    vscode.commands.registerCommand('elevenlabsUsage.removeApiKey', () => removeApiKey(keyDeps())),
    vscode.commands.registerCommand('elevenlabsUsage.addAccount', () => addAccountCommand(accountDeps)),
    vscode.commands.registerCommand('elevenlabsUsage.switchAccount', (accountId?: unknown) => switchAccountCommand(accountDeps, accountId)),
    vscode.commands.registerCommand('elevenlabsUsage.renameAccount', () => renameAccountCommand(accountDeps)),
    vscode.commands.registerCommand('elevenlabsUsage.removeAccount', () => removeAccountCommand(accountDeps)),
    vscode.commands.registerCommand('elevenlabsUsage.refresh', () => statusBar.refresh()),
    vscode.commands.registerCommand('elevenlabsUsage.chooseApiHost', () => chooseApiHost(log, context.globalState, accounts)),
    vscode.commands.registerCommand('elevenlabsUsage.showUsage', (args?: unknown) => chart().showUsage(chartDeps, context.globalState, args)),
    vscode.commands.registerCommand('elevenlabsUsage.statusBarClick', () =>
      chart().showUsage(chartDeps, context.globalState, chartDeps.successor?.() ? STATUS_BAR_SUCCESSOR_CHART : STATUS_BAR_CHART),
    ),
    vscode.window.registerWebviewPanelSerializer(CHART_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state: unknown) => chart().ChartPanel.revive(panel, chartDeps, state),
    }),
    vscode.commands.registerCommand('elevenlabsUsage.showLog', () => log.show(true)),
  );
  logApiHost(log, configuredBaseUrl());
  noticeForeignHost(context.globalState, log, configuredBaseUrl());
  if (overrides.apiBaseUrl || overrides.demoKey) {
    log.info(`Development mode: API at ${overrides.apiBaseUrl ?? 'the configured URL'}${overrides.demoKey ? ', demo key while no key is stored' : ''}.`);
  }
  // activate() runs on onStartupFinished already; the first refresh goes on without holding anything up.
  statusBar.start();
  void offerEnvironmentKey(keyDeps(), context.globalState, process.env['ELEVENLABS_API_KEY']);
  if (overrides.openChartOnStart) {
    void vscode.commands.executeCommand('elevenlabsUsage.statusBarClick');
  }
  timings.activateMs = performance.now() - activationStarted;
  log.info(`Activated in ${timings.activateMs.toFixed(1)} ms.`);

  return {
    statusBar: {
      get view() {
        return statusBar.view;
      },
      get state() {
        return statusBar.state;
      },
      get isShown() {
        return statusBar.isShown;
      },
    },
    chartPanel: {
      get state() {
        return chartFeature?.ChartPanel.active?.state;
      },
    },
    logFolder: context.logUri,
    timings,
  };
}

export function deactivate(): void {}

/** Says in the log where requests (and the key) go, or why they cannot; the key itself is never logged. */
function logApiHost(log: vscode.LogOutputChannel, rawBaseUrl: string): void {
  try {
    log.info(`API requests go to ${checkBaseUrl(rawBaseUrl)}.`);
  } catch (error) {
    log.warn(error instanceof Error ? error.message : String(error));
  }
}
