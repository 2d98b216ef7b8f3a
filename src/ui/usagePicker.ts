// The Show Usage picker: window, aggregation, breakdown, metric, workspace metrics, one step at a time with a
// back button. It starts from the last choices and remembers the new ones.

import * as vscode from 'vscode';
import { AGGREGATION_INTERVALS, BREAKDOWN_TYPES, METRICS } from '../api/types';
import type { PanelQuery } from '../protocol';
import { BREAKDOWN_INFO, INTERVAL_LABELS, breakdownInfo, metricInfo } from '../usage/catalog';
import { DEFAULT_BREAKDOWN, DEFAULT_METRIC } from '../usage/panelQuery';
import {
  customWindow,
  formatLocalDate,
  parseLocalDate,
  PRESET_LABELS,
  presetWindow,
  suggestedBucketSeconds,
  suggestedInterval,
  WINDOW_PRESETS,
  type UsageWindow,
  type WindowPreset,
} from '../usage/windows';

const LAST_QUERY_KEY = 'elevenlabsUsage.lastQuery';
const TITLE = 'ElevenLabs: Show Usage';
const STEPS = 5;

class Back extends Error {}

interface Choice<T> extends vscode.QuickPickItem {
  readonly value: T;
}

/**
 * Runs the first outcome of a step (accept, back, or hide, which also fires when the step is disposed) and
 * disposes the widget; later outcomes are ignored.
 */
function settleOnce(widget: vscode.Disposable): (action: () => void) => void {
  let settled = false;
  return (action) => {
    if (!settled) {
      settled = true;
      action();
      widget.dispose();
    }
  };
}

/** Titles a prompt as step `step` of the picker; it stays open when focus moves elsewhere. */
function asStep<W extends vscode.QuickInput>(widget: W, step: number): W {
  widget.title = TITLE;
  widget.step = step;
  widget.totalSteps = STEPS;
  widget.ignoreFocusOut = true;
  return widget;
}

/** One quick-pick step; resolves with the choice, rejects with Back, or resolves undefined on Escape. */
function pickOne<T>(step: number, placeholder: string, items: Array<Choice<T>>, active: T | undefined): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const pick = asStep(vscode.window.createQuickPick<Choice<T>>(), step);
    pick.placeholder = placeholder;
    pick.items = items;
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    pick.buttons = step > 1 ? [vscode.QuickInputButtons.Back] : [];
    const activeItem = items.find((item) => item.value === active);
    if (activeItem) {
      pick.activeItems = [activeItem];
    }
    const finish = settleOnce(pick);
    pick.onDidTriggerButton(() => finish(() => reject(new Back())));
    pick.onDidAccept(() => finish(() => resolve(pick.selectedItems[0]?.value)));
    pick.onDidHide(() => finish(() => resolve(undefined)));
    pick.show();
  });
}

/** One input step with validation; resolves with the text, rejects with Back, or undefined on Escape. */
function inputOne(step: number, prompt: string, value: string, validate: (text: string) => string | undefined): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const input = asStep(vscode.window.createInputBox(), step);
    input.prompt = prompt;
    input.value = value;
    input.buttons = [vscode.QuickInputButtons.Back];
    const finish = settleOnce(input);
    input.onDidChangeValue((text) => {
      input.validationMessage = text.trim() === '' ? undefined : validate(text);
    });
    input.onDidTriggerButton(() => finish(() => reject(new Back())));
    input.onDidAccept(() => {
      const message = validate(input.value);
      if (message) {
        input.validationMessage = message;
        return;
      }
      finish(() => resolve(input.value));
    });
    input.onDidHide(() => finish(() => resolve(undefined)));
    input.show();
  });
}

type WindowChoice = { preset: WindowPreset } | { custom: UsageWindow };
type AggregationChoice = { interval: string } | { bucketSeconds: number };

async function pickWindow(last: PanelQuery | undefined): Promise<WindowChoice | undefined> {
  const now = Date.now();
  const items: Array<Choice<WindowPreset | 'custom'>> = [
    ...WINDOW_PRESETS.map((preset) => {
      const window = presetWindow(preset, now);
      return { label: PRESET_LABELS[preset], description: `${new Date(window.startUnix).toLocaleDateString()} \u2013 ${new Date(window.endUnix).toLocaleDateString()}`, value: preset };
    }),
    { label: 'Custom range\u2026', description: 'Type a start and end date', value: 'custom' as const },
  ];
  const choice = await pickOne(1, 'Which time window? (your local time)', items, last ? (last.preset ?? 'custom') : 'last7Days');
  if (choice !== 'custom') {
    return choice === undefined ? undefined : { preset: choice };
  }
  const startText = await inputOne(1, 'Start date, local time (YYYY-MM-DD or YYYY-MM-DD HH:MM)', formatLocalDate(last?.startUnix ?? now - 7 * 86_400_000), (text) => {
    const parsed = parseLocalDate(text);
    if (!parsed.ok) {
      return parsed.message;
    }
    return parsed.ms > Date.now() ? 'The start is in the future: there is no usage to show yet. Pick a start today or earlier.' : undefined;
  });
  if (startText === undefined) {
    return undefined;
  }
  const endText = await inputOne(1, `End date, included (start ${startText.trim()})`, formatLocalDate(now), (text) => {
    const result = customWindow(startText, text, Date.now());
    return result.ok ? undefined : result.message;
  });
  if (endText === undefined) {
    return undefined;
  }
  const result = customWindow(startText, endText, Date.now());
  return result.ok ? { custom: result.window } : undefined;
}

async function pickAggregation(window: UsageWindow, last: PanelQuery | undefined): Promise<AggregationChoice | undefined> {
  const suggested = suggestedInterval(window);
  const items: Array<Choice<string>> = [
    ...AGGREGATION_INTERVALS.map((interval) => ({
      label: INTERVAL_LABELS[interval] ?? interval,
      description: interval === suggested ? 'suggested for this window' : interval === 'cumulative' ? 'one figure per series' : 'UTC buckets',
      value: interval as string,
    })),
    { label: 'Bucket size in seconds\u2026', description: `e.g. ${suggestedBucketSeconds(window)}`, value: 'bucket' },
  ];
  const active = last?.aggregationBucketSize !== undefined ? 'bucket' : last?.aggregationInterval ?? suggested;
  const choice = await pickOne(2, 'How should usage be grouped over time?', items, active);
  if (choice !== 'bucket') {
    return choice === undefined ? undefined : { interval: choice };
  }
  const text = await inputOne(2, 'Bucket size in seconds (a positive whole number; 3600 is an hour)', String(last?.aggregationBucketSize ?? suggestedBucketSeconds(window)), (value) =>
    /^\s*[1-9]\d*\s*$/.test(value) ? undefined : 'Type a positive whole number of seconds, e.g. 3600 for an hour.',
  );
  return text === undefined ? undefined : { bucketSeconds: Number(text.trim()) };
}

async function pickBreakdown(last: PanelQuery | undefined): Promise<string | undefined> {
  const items = BREAKDOWN_TYPES.map((value) => {
    const info = BREAKDOWN_INFO[value]!;
    return {
      label: info.label,
      description: value,
      detail: info.needsWorkspaceMetrics ? `${info.description} \u2014 needs workspace metrics (turns them on)` : info.description,
      value: value as string,
    };
  });
  return pickOne(3, 'Break usage down by\u2026', items, last?.breakdownType ?? DEFAULT_BREAKDOWN);
}

async function pickMetric(last: PanelQuery | undefined): Promise<string | undefined> {
  const items = METRICS.map((value) => {
    const info = metricInfo(value);
    return { label: info.label, description: `in ${info.unit}`, detail: info.description, value: value as string };
  });
  return pickOne(4, 'Which metric?', items, last?.metric ?? DEFAULT_METRIC);
}

async function pickWorkspaceMetrics(breakdown: string, last: PanelQuery | undefined): Promise<boolean | undefined> {
  const info = breakdownInfo(breakdown);
  const items: Array<Choice<boolean>> = info.needsWorkspaceMetrics
    ? [{ label: 'Whole workspace', description: `needed by the ${info.label} breakdown`, value: true }]
    : [
        { label: 'Only my usage', description: 'usage of this API key\u2019s user', value: false },
        { label: 'Whole workspace', description: 'every member\u2019s usage', value: true },
      ];
  return pickOne(5, 'Whose usage?', items, info.needsWorkspaceMetrics ? true : last?.includeWorkspaceMetrics ?? false);
}

/** Runs the picker; resolves undefined when the user cancels. */
export async function pickUsageQuery(memento: vscode.Memento): Promise<PanelQuery | undefined> {
  const last = memento.get<PanelQuery>(LAST_QUERY_KEY);
  let step = 1;
  let window: WindowChoice | undefined;
  let aggregation: AggregationChoice | undefined;
  let breakdown: string | undefined;
  let metric: string | undefined;
  let workspace: boolean | undefined;
  for (;;) {
    try {
      if (step === 1) {
        window = await pickWindow(last);
        if (!window) return undefined;
      } else if (step === 2) {
        const resolved = 'preset' in window! ? presetWindow(window.preset, Date.now()) : window!.custom;
        aggregation = await pickAggregation(resolved, last);
        if (!aggregation) return undefined;
      } else if (step === 3) {
        breakdown = await pickBreakdown(last);
        if (breakdown === undefined) return undefined;
      } else if (step === 4) {
        metric = await pickMetric(last);
        if (metric === undefined) return undefined;
      } else {
        workspace = await pickWorkspaceMetrics(breakdown!, last);
        if (workspace === undefined) return undefined;
        break;
      }
      step++;
    } catch (error) {
      if (!(error instanceof Back)) {
        throw error;
      }
      step = Math.max(1, step - 1);
    }
  }
  const resolvedWindow = 'preset' in window! ? presetWindow(window.preset, Date.now()) : window!.custom;
  const query: PanelQuery = {
    ...('preset' in window! ? { preset: window.preset } : {}),
    ...resolvedWindow,
    ...('interval' in aggregation! ? { aggregationInterval: aggregation.interval } : { aggregationBucketSize: aggregation!.bucketSeconds }),
    breakdownType: breakdown!,
    metric: metric!,
    includeWorkspaceMetrics: workspace,
  };
  await memento.update(LAST_QUERY_KEY, query);
  return query;
}
