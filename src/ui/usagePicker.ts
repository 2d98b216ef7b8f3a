// The Show Usage picker: window, aggregation, breakdown, metric, workspace metrics, one step at a time with a
// back button. It starts from the last choices and remembers the new ones.

import * as vscode from 'vscode';
import { withoutLinks } from '../api/serviceText';
import { AGGREGATION_INTERVALS, BREAKDOWN_TYPES, METRICS } from '../api/types';
import { parsePanelQuery, type PanelQuery } from '../usage/panelQuery';
import { BREAKDOWN_INFO, INTERVAL_LABELS, breakdownInfo, metricInfo } from '../usage/catalog';
import { DEFAULT_BREAKDOWN, DEFAULT_METRIC } from '../usage/panelQuery';
import type { ZonedCalendar } from '../usage/timeZone';
import {
  customWindow,
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
    pick.onDidAccept(() => {
      const selected = pick.selectedItems[0];
      // Enter while the filter matches nothing is not an answer: the step stays open.
      if (selected) {
        finish(() => resolve(selected.value));
      }
    });
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

/** What the user has answered so far; it starts from the last query and each step preselects from it. */
interface Draft {
  window?: WindowChoice;
  aggregation?: AggregationChoice;
  /** The window the aggregation was chosen for: a changed window gets the aggregation that suits it. */
  aggregationFor?: string;
  breakdown?: string;
  metric?: string;
  workspace?: boolean;
}

function windowKey(window: WindowChoice): string {
  return 'preset' in window ? window.preset : `custom:${window.custom.startUnix}-${window.custom.endUnix}`;
}

function resolveWindow(window: WindowChoice, calendar: ZonedCalendar): UsageWindow {
  return 'preset' in window ? presetWindow(window.preset, Date.now(), calendar) : window.custom;
}

function draftFrom(last: PanelQuery | undefined): Draft {
  if (!last) {
    return {};
  }
  const window: WindowChoice = last.preset ? { preset: last.preset } : { custom: { startUnix: last.startUnix, endUnix: last.endUnix } };
  return {
    window,
    aggregation: last.aggregationBucketSize !== undefined ? { bucketSeconds: last.aggregationBucketSize } : { interval: last.aggregationInterval ?? 'day' },
    aggregationFor: windowKey(window),
    breakdown: last.breakdownType,
    metric: last.metric,
    workspace: last.includeWorkspaceMetrics,
  };
}

async function pickWindow(current: WindowChoice | undefined, calendar: ZonedCalendar): Promise<WindowChoice | undefined> {
  const now = Date.now();
  const date = (ms: number): string => new Date(ms).toLocaleDateString(vscode.env.language, { timeZone: calendar.zone });
  const items: Array<Choice<WindowPreset | 'custom'>> = [
    ...WINDOW_PRESETS.map((preset) => {
      const window = presetWindow(preset, now, calendar);
      return { label: PRESET_LABELS[preset], description: `${date(window.startUnix)} \u2013 ${date(window.endUnix)}`, value: preset };
    }),
    { label: 'Custom range\u2026', description: 'Type a start and end date', value: 'custom' as const },
  ];
  for (;;) {
    const choice = await pickOne(1, `Which time window? (${calendar.zone})`, items, current ? ('preset' in current ? current.preset : 'custom') : 'last7Days');
    if (choice !== 'custom') {
      return choice === undefined ? undefined : { preset: choice };
    }
    const custom = await pickCustomRange(current && 'custom' in current ? current.custom : undefined, calendar);
    if (custom !== 'back') {
      return custom === undefined ? undefined : { custom };
    }
  }
}

/** The start and end inputs; Back from the start returns to the window list, from the end to the start. */
async function pickCustomRange(current: UsageWindow | undefined, calendar: ZonedCalendar): Promise<UsageWindow | 'back' | undefined> {
  const now = Date.now();
  let startValue = calendar.formatDate(current?.startUnix ?? calendar.addDays(now, -7));
  for (;;) {
    let startText: string | undefined;
    try {
      startText = await inputOne(1, `Start date in ${calendar.zone} (YYYY-MM-DD or YYYY-MM-DD HH:MM)`, startValue, (text) => {
        const parsed = parseLocalDate(text, calendar);
        if (!parsed.ok) {
          return parsed.message;
        }
        return parsed.ms > Date.now() ? 'The start is in the future: there is no usage to show yet. Pick a start today or earlier.' : undefined;
      });
    } catch (error) {
      if (error instanceof Back) {
        return 'back';
      }
      throw error;
    }
    if (startText === undefined) {
      return undefined;
    }
    startValue = startText;
    let endText: string | undefined;
    try {
      endText = await inputOne(1, `End date, included (start ${startText.trim()})`, calendar.formatDate(current?.endUnix ?? now), (text) => {
        const result = customWindow(startText!, text, Date.now(), calendar);
        return result.ok ? undefined : result.message;
      });
    } catch (error) {
      if (error instanceof Back) {
        continue;
      }
      throw error;
    }
    if (endText === undefined) {
      return undefined;
    }
    const result = customWindow(startText, endText, Date.now(), calendar);
    if (result.ok && result.notes.length > 0) {
      // A time skipped by a DST change was moved: say so rather than query another window than typed.
      void vscode.window.showInformationMessage(withoutLinks(result.notes.join(' ')));
    }
    return result.ok ? result.window : undefined;
  }
}

/** The grouping; preselects the earlier answer for the same window, otherwise what suits this window. */
async function pickAggregation(window: UsageWindow, current: AggregationChoice | undefined): Promise<AggregationChoice | undefined> {
  const suggested = suggestedInterval(window);
  const items: Array<Choice<string>> = [
    ...AGGREGATION_INTERVALS.map((interval) => ({
      label: INTERVAL_LABELS[interval] ?? interval,
      description: interval === suggested ? 'suggested for this window' : interval === 'cumulative' ? 'one figure per series' : 'UTC buckets',
      value: interval as string,
    })),
    { label: 'Bucket size in seconds\u2026', description: `e.g. ${suggestedBucketSeconds(window)}`, value: 'bucket' },
  ];
  const active = current === undefined ? suggested : 'bucketSeconds' in current ? 'bucket' : current.interval;
  for (;;) {
    const choice = await pickOne(2, 'How should usage be grouped over time?', items, active);
    if (choice !== 'bucket') {
      return choice === undefined ? undefined : { interval: choice };
    }
    try {
      const text = await inputOne(
        2,
        'Bucket size in seconds (a positive whole number; 3600 is an hour)',
        String(current && 'bucketSeconds' in current ? current.bucketSeconds : suggestedBucketSeconds(window)),
        (value) => (/^\s*[1-9]\d*\s*$/.test(value) ? undefined : 'Type a positive whole number of seconds, e.g. 3600 for an hour.'),
      );
      return text === undefined ? undefined : { bucketSeconds: Number(text.trim()) };
    } catch (error) {
      if (!(error instanceof Back)) {
        throw error;
      }
      // Back from the size: to the list of groupings.
    }
  }
}

async function pickBreakdown(current: string | undefined): Promise<string | undefined> {
  const items = BREAKDOWN_TYPES.map((value) => {
    const info = BREAKDOWN_INFO[value]!;
    return {
      label: info.label,
      description: value,
      detail: info.needsWorkspaceMetrics ? `${info.description} \u2014 needs workspace metrics (turns them on)` : info.description,
      value: value as string,
    };
  });
  return pickOne(3, 'Break usage down by\u2026', items, current ?? DEFAULT_BREAKDOWN);
}

async function pickMetric(current: string | undefined): Promise<string | undefined> {
  const items = METRICS.map((value) => {
    const info = metricInfo(value);
    return { label: info.label, description: `in ${info.unit}`, detail: info.description, value: value as string };
  });
  return pickOne(4, 'Which metric?', items, current ?? DEFAULT_METRIC);
}

async function pickWorkspaceMetrics(breakdown: string, current: boolean | undefined): Promise<boolean | undefined> {
  const info = breakdownInfo(breakdown);
  const items: Array<Choice<boolean>> = info.needsWorkspaceMetrics
    ? [{ label: 'Whole workspace', description: `needed by the ${info.label} breakdown`, value: true }]
    : [
        { label: 'Only my usage', description: 'usage of this API key\u2019s user', value: false },
        { label: 'Whole workspace', description: 'every member\u2019s usage', value: true },
      ];
  return pickOne(5, 'Whose usage?', items, info.needsWorkspaceMetrics ? true : current ?? false);
}

/** Runs one step, answering it from and into the draft; false when the user cancelled. */
async function runStep(step: number, draft: Draft, calendar: ZonedCalendar): Promise<boolean> {
  switch (step) {
    case 1:
      draft.window = await pickWindow(draft.window, calendar);
      return draft.window !== undefined;
    case 2: {
      const window = draft.window!;
      const sameWindow = draft.aggregationFor === windowKey(window);
      draft.aggregation = await pickAggregation(resolveWindow(window, calendar), sameWindow ? draft.aggregation : undefined);
      draft.aggregationFor = windowKey(window);
      return draft.aggregation !== undefined;
    }
    case 3:
      draft.breakdown = await pickBreakdown(draft.breakdown);
      return draft.breakdown !== undefined;
    case 4:
      draft.metric = await pickMetric(draft.metric);
      return draft.metric !== undefined;
    default:
      draft.workspace = await pickWorkspaceMetrics(draft.breakdown!, draft.workspace);
      return draft.workspace !== undefined;
  }
}

/** Runs the picker; resolves undefined when the user cancels. */
export async function pickUsageQuery(memento: vscode.Memento, calendar: ZonedCalendar): Promise<PanelQuery | undefined> {
  // Stored by an earlier version, or edited by hand: checked like any other input before it preselects anything.
  const draft = draftFrom(parsePanelQuery(memento.get<unknown>(LAST_QUERY_KEY)));
  for (let step = 1; step <= STEPS; ) {
    try {
      if (!(await runStep(step, draft, calendar))) {
        return undefined;
      }
      step++;
    } catch (error) {
      if (!(error instanceof Back)) {
        throw error;
      }
      step = Math.max(1, step - 1);
    }
  }
  const window = draft.window!;
  const aggregation = draft.aggregation!;
  const query: PanelQuery = {
    ...('preset' in window ? { preset: window.preset } : {}),
    ...resolveWindow(window, calendar),
    ...('interval' in aggregation ? { aggregationInterval: aggregation.interval } : { aggregationBucketSize: aggregation.bucketSeconds }),
    breakdownType: draft.breakdown!,
    metric: draft.metric!,
    includeWorkspaceMetrics: draft.workspace!,
  };
  await memento.update(LAST_QUERY_KEY, query);
  return query;
}
