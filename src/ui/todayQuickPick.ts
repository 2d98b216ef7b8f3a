// What a click on the status bar item shows until the usage chart exists: today's figures and the actions,
// in a quick pick.

import * as vscode from 'vscode';
import { COMMANDS, type StatusState } from '../status/statusModel';
import { formatExact, formatPercent } from '../usage/numberFormat';

interface ActionItem extends vscode.QuickPickItem {
  readonly command?: string;
}

function figureItems(state: StatusState): ActionItem[] {
  const snapshot = state.kind === 'current' || state.kind === 'stale' ? state.snapshot : state.kind === 'loading' ? state.last : undefined;
  if (!snapshot) {
    return [{ label: state.kind === 'error' ? `$(error) ${state.reason}` : '$(info) No figures yet' }];
  }
  const items: ActionItem[] = [
    { label: `$(unmute) ${formatExact(snapshot.charactersToday)} characters today` },
    { label: `$(credit-card) ${snapshot.creditsToday === undefined ? 'Credits unavailable' : `${formatExact(snapshot.creditsToday)} credits today`}` },
  ];
  const { quota } = snapshot;
  if (quota) {
    const percent = quota.limit > 0 ? ` (${formatPercent(quota.used / quota.limit)})` : '';
    items.push({
      label: `$(dashboard) ${formatExact(quota.used)} of ${formatExact(quota.limit)} credits used this period${percent}`,
      ...(quota.resetsAtMs === undefined ? {} : { detail: `Resets ${new Date(quota.resetsAtMs).toLocaleString()}` }),
    });
  } else if (snapshot.quotaProblem) {
    items.push({ label: '$(dashboard) Quota unavailable', detail: snapshot.quotaProblem });
  }
  const fetched = new Date(snapshot.fetchedAtMs).toLocaleTimeString();
  items.push({ label: state.kind === 'stale' ? `$(history) Stale: from ${fetched}` : `$(clock) Updated ${fetched}`, ...(state.kind === 'stale' ? { detail: state.reason } : {}) });
  return items;
}

export async function showTodayQuickPick(state: StatusState): Promise<void> {
  const items: ActionItem[] = [
    ...figureItems(state),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(refresh) Refresh Usage', command: COMMANDS.refresh },
    { label: '$(key) Set API Key', command: COMMANDS.setApiKey },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'ElevenLabs usage today', placeHolder: 'Today in local time' });
  if (picked?.command) {
    await vscode.commands.executeCommand(picked.command);
  }
}
