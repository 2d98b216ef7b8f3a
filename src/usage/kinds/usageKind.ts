// The usage chart: any metric, breakdown and aggregation the API takes, over a calendar preset (resolved again in
// the user's zone each time it runs, so "Today" stays today) or a window the user typed.

import * as l10n from '@vscode/l10n';
import { isWindowPreset, PRESET_LABELS, presetWindow, WINDOW_PRESETS } from '../calendar/windows';
import type { ChartKind } from './chartKind';

export const usageKind: ChartKind = {
  id: 'usage',
  presets: WINDOW_PRESETS,
  takesCustomWindows: true,
  windowFromHost: false,
  presetLabel: (preset) => (isWindowPreset(preset) ? PRESET_LABELS[preset] : preset),
  presetDescription: (_preset, window, dateRange) => (window ? dateRange(window) : ''),
  fixed: [],
  title: (query, metricLabel) => (query.source === 'analytics' ? l10n.t('ElevenLabs: Workspace credits (analytics)') : l10n.t('ElevenLabs: {0}', metricLabel)),
  presetWindow: (preset, nowMs, calendar) => {
    if (!isWindowPreset(preset)) {
      throw new RangeError(`The usage chart has no preset ${JSON.stringify(preset)}.`);
    }
    return presetWindow(preset, nowMs, calendar);
  },
  resolve: (query, nowMs, calendar) => (isWindowPreset(query.preset) ? { ...query, ...presetWindow(query.preset, nowMs, calendar) } : query),
};
