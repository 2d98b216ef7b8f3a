// "ElevenLabs: Show Usage": from the palette it asks with the picker; with an argument object (keybindings,
// tasks, the status bar) it skips the prompts. A bad argument is reported naming the field.

import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { withoutLinks } from '../../api/serviceText';
import { knownPresetWindow } from '../../status/panelData';
import type { PanelQuery } from '../../usage/query/panelQuery';
import { parseShowUsageArgs } from '../../usage/query/showUsageArgs';
import { valuesOnScreen } from '../../usage/query/analyticsQuery';
import { ZonedCalendar } from '../../usage/calendar/timeZone';
import { accountNamed } from '../../status/accounts/accounts';
import { formatExact } from '../../shared/locale/numberFormats';
import { ChartPanel, type ChartPanelDeps } from '../panel/chartPanel';
import { quickInputSteps } from './quickInputSteps';
import { PICKER_STEPS, pickerTitle, pickUsageQuery } from './usagePicker';

/** Where the picker keeps the last answers, in globalState. */
const LAST_QUERY_KEY = 'elevenlabsUsage.lastQuery';

/** All accounts side by side, in the account list. */
const COMPARE_ALL = 'compare';

/**
 * Which account to chart, where there are several: asked first, the active one offered first, then all of them
 * side by side. Undefined with one account.
 */
async function pickAccount(deps: ChartPanelDeps): Promise<string | typeof COMPARE_ALL | undefined | 'cancelled'> {
  const accounts = deps.accounts?.();
  if (!accounts || accounts.list.length < 2) {
    return undefined;
  }
  const items = [
    ...accounts.list.map((a) => ({ label: a.name, ...(a.id === accounts.activeId ? { description: l10n.t('active') } : {}), id: a.id })),
    { label: l10n.t('All accounts, side by side'), description: l10n.t('{0} accounts, one series each', formatExact(accounts.list.length)), id: COMPARE_ALL },
  ];
  const active = items.find((item) => item.id === accounts.activeId);
  const quickPick = vscode.window.createQuickPick<(typeof items)[number]>();
  quickPick.title = pickerTitle();
  quickPick.placeholder = l10n.t('Which account?');
  quickPick.items = items;
  quickPick.activeItems = active ? [active] : [];
  const picked = await new Promise<(typeof items)[number] | undefined>((resolve) => {
    quickPick.onDidAccept(() => resolve(quickPick.selectedItems[0] ?? quickPick.activeItems[0]));
    quickPick.onDidHide(() => resolve(undefined));
    quickPick.show();
  });
  quickPick.dispose();
  return picked ? picked.id : 'cancelled';
}

export async function showUsage(deps: ChartPanelDeps, memento: vscode.Memento, args: unknown): Promise<PanelQuery | undefined> {
  let query: PanelQuery | undefined;
  const calendar = ZonedCalendar.for(deps.timeZone());
  const accounts = deps.accounts?.();
  if (args === undefined) {
    const account = await pickAccount(deps);
    if (account === 'cancelled') {
      return undefined;
    }
    const picked = await pickUsageQuery({
      steps: quickInputSteps(pickerTitle(), PICKER_STEPS),
      store: { get: () => memento.get<unknown>(LAST_QUERY_KEY), update: (answers) => memento.update(LAST_QUERY_KEY, answers) },
      calendar,
      now: () => Date.now(),
      locale: vscode.env.language,
      // The status bar's quota, if it has one, names the billing period in the list; the chart resolves it again.
      knownWindow: (preset) => knownPresetWindow(preset, deps.knownQuota?.(), Date.now(), calendar),
      // A filter's values are named from the chart on screen when it is grouped by that column.
      knownValues: (column) => {
        const state = ChartPanel.active?.state;
        return valuesOnScreen(state?.query, state?.data, column);
      },
      successor: () => deps.successor?.(),
      comparing: account === COMPARE_ALL,
    });
    const whose = account === COMPARE_ALL ? { compare: accounts!.list.map((a) => a.id) } : account !== undefined ? { account } : {};
    query = picked && { ...picked, ...whose };
  } else {
    const parsed = parseShowUsageArgs(args, Date.now(), calendar, {
      successorPreferred: deps.successor?.() !== undefined,
      ...(accounts ? { accounts: { names: accounts.list.map((a) => a.name), named: (name: string) => accountNamed(accounts, name) } } : {}),
    });
    if (!parsed.ok) {
      deps.log.warn(parsed.message);
      // The message quotes the arguments, which a workspace's tasks.json may have written: no links from them.
      void vscode.window.showErrorMessage(withoutLinks(parsed.message));
      return undefined;
    }
    // Whose figures, where there are several accounts: the named one, else the one active now (kept by the panel,
    // whatever is active later). With one account a chart follows it, as before accounts.
    const named = parsed.query.account !== undefined || parsed.query.compare !== undefined;
    query = !named && accounts && accounts.list.length > 1 ? { ...parsed.query, account: accounts.activeId } : parsed.query;
  }
  if (!query) {
    return undefined;
  }
  const panel = await ChartPanel.show(deps, query);
  return panel.state.query;
}
