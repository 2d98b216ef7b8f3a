// The query form: shows the current query and turns the user's choices into a PanelQuery at submit time (a
// preset is resolved to its window then, so "Today" always means today). Breakdowns that the service refuses
// without workspace metrics tick and lock the workspace-metrics box.

import { CUSTOM_BUCKET_VALUE, CUSTOM_WINDOW_VALUE, PANEL_IDS } from '../chart/panelHtml';
import type { ExportDataFormat, ExportImageFormat } from '../protocol';
import type { PanelQuery } from '../usage/panelQuery';
import { breakdownInfo, humanize } from '../usage/catalog';
import { ZonedCalendar } from '../usage/timeZone';
import { isWindowPreset, presetWindow } from '../usage/windows';
import { byId } from './dom';

export interface ToolbarHandlers {
  onQuery(query: PanelQuery): void;
  onExportImage(format: ExportImageFormat): void;
  onExportData(format: ExportDataFormat): void;
}

function describeSeconds(seconds: number): string {
  if (seconds % 86400 === 0) {
    return `${seconds / 86400} d`;
  }
  if (seconds % 3600 === 0) {
    return `${seconds / 3600} h`;
  }
  if (seconds % 60 === 0) {
    return `${seconds / 60} min`;
  }
  return `${seconds} s`;
}

/** Selects `value`, adding an option for an enum value this version does not list (the enums are open). */
function selectValue(select: HTMLSelectElement, value: string, label?: string): void {
  let option = Array.from(select.options).find((o) => o.value === value);
  if (!option) {
    option = document.createElement('option');
    option.value = value;
    option.textContent = label ?? humanize(value);
    select.append(option);
  } else if (label !== undefined) {
    option.textContent = label;
  }
  option.hidden = false;
  select.value = value;
}

export class Toolbar {
  private readonly form = byId<HTMLFormElement>(PANEL_IDS.toolbar);
  private readonly preset = byId<HTMLSelectElement>(PANEL_IDS.preset);
  private readonly interval = byId<HTMLSelectElement>(PANEL_IDS.interval);
  private readonly breakdown = byId<HTMLSelectElement>(PANEL_IDS.breakdown);
  private readonly metric = byId<HTMLSelectElement>(PANEL_IDS.metric);
  private readonly workspace = byId<HTMLInputElement>(PANEL_IDS.workspaceMetrics);
  private readonly workspaceHint = byId<HTMLElement>(PANEL_IDS.workspaceMetricsHint);
  private readonly utcBuckets = byId<HTMLInputElement>(PANEL_IDS.utcBuckets);
  private readonly queryButton = byId<HTMLButtonElement>(PANEL_IDS.queryButton);
  private readonly imageButtons = [byId<HTMLButtonElement>(PANEL_IDS.exportPng), byId<HTMLButtonElement>(PANEL_IDS.exportSvg)];
  private readonly dataButtons = [byId<HTMLButtonElement>(PANEL_IDS.exportCsv), byId<HTMLButtonElement>(PANEL_IDS.exportJson)];
  /** The query last shown, for the parts the form cannot express (a custom window, a bucket size). */
  private current: PanelQuery | undefined;
  /** The user's own choice for the checkbox, restored when a breakdown stops forcing it. */
  private workspaceChoice = false;
  /** The user's zone, from the host; presets are resolved in it. (The host resolves them again when it runs.) */
  private calendar = ZonedCalendar.for('UTC');

  constructor(handlers: ToolbarHandlers, private readonly now: () => number = Date.now) {
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      const query = this.readQuery();
      if (query) {
        handlers.onQuery(query);
      }
    });
    this.breakdown.addEventListener('change', () => this.syncWorkspace());
    this.workspace.addEventListener('change', () => {
      if (!this.workspace.disabled) {
        this.workspaceChoice = this.workspace.checked;
      }
    });
    for (const button of [...this.imageButtons, ...this.dataButtons]) {
      button.addEventListener('click', () => {
        const format = button.dataset['export'];
        if (format === 'png' || format === 'svg') {
          handlers.onExportImage(format);
        } else if (format === 'csv' || format === 'json') {
          handlers.onExportData(format);
        }
      });
    }
    this.syncWorkspace();
  }

  setTimeZone(timeZone: string): void {
    this.calendar = ZonedCalendar.for(timeZone);
  }

  /** Shows a query in the form. */
  setQuery(query: PanelQuery): void {
    this.current = query;
    if (query.preset !== undefined) {
      selectValue(this.preset, query.preset);
      this.customOption(this.preset, CUSTOM_WINDOW_VALUE).hidden = true;
    } else {
      selectValue(this.preset, CUSTOM_WINDOW_VALUE, 'Custom window');
    }
    if (query.aggregationBucketSize !== undefined) {
      selectValue(this.interval, CUSTOM_BUCKET_VALUE, `Every ${describeSeconds(query.aggregationBucketSize)}`);
    } else {
      selectValue(this.interval, query.aggregationInterval ?? 'day');
      this.customOption(this.interval, CUSTOM_BUCKET_VALUE).hidden = true;
    }
    selectValue(this.breakdown, query.breakdownType);
    selectValue(this.metric, query.metric);
    this.workspaceChoice = query.includeWorkspaceMetrics;
    this.utcBuckets.checked = query.utcBuckets === true;
    this.syncWorkspace();
  }

  /** The query the form describes now, or undefined when it cannot (a custom window with no query yet). */
  readQuery(): PanelQuery | undefined {
    const presetValue = this.preset.value;
    let window: { startUnix: number; endUnix: number; preset?: PanelQuery['preset'] };
    if (isWindowPreset(presetValue)) {
      window = { preset: presetValue, ...presetWindow(presetValue, this.now(), this.calendar) };
    } else if (this.current) {
      window = { startUnix: this.current.startUnix, endUnix: this.current.endUnix };
    } else {
      return undefined;
    }
    const intervalValue = this.interval.value;
    const bucket =
      intervalValue === CUSTOM_BUCKET_VALUE && this.current?.aggregationBucketSize !== undefined
        ? { aggregationBucketSize: this.current.aggregationBucketSize }
        : { aggregationInterval: intervalValue === CUSTOM_BUCKET_VALUE ? 'day' : intervalValue };
    const breakdownType = this.breakdown.value;
    return {
      ...window,
      ...bucket,
      breakdownType,
      metric: this.metric.value,
      includeWorkspaceMetrics: this.workspace.checked || breakdownInfo(breakdownType).needsWorkspaceMetrics,
      utcBuckets: this.utcBuckets.checked,
    };
  }

  setBusy(busy: boolean): void {
    this.queryButton.disabled = busy;
    this.form.setAttribute('aria-busy', String(busy));
  }

  /** Image exports need a drawn chart; data exports need data. */
  setExportsEnabled(images: boolean, data: boolean): void {
    for (const button of this.imageButtons) {
      button.disabled = !images;
    }
    for (const button of this.dataButtons) {
      button.disabled = !data;
    }
  }

  private syncWorkspace(): void {
    const forced = breakdownInfo(this.breakdown.value).needsWorkspaceMetrics;
    this.workspace.disabled = forced;
    this.workspace.checked = forced || this.workspaceChoice;
    this.workspaceHint.hidden = !forced;
  }

  private customOption(select: HTMLSelectElement, value: string): HTMLOptionElement {
    return Array.from(select.options).find((o) => o.value === value) ?? document.createElement('option');
  }
}
