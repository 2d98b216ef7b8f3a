// The query form: shows the current query and turns the user's choices into a PanelQuery at submit time (a
// preset is resolved to its window then, so "Today" always means today). Breakdowns that the service refuses
// without workspace metrics tick and lock the workspace-metrics box. "This billing period" is one chart (the
// quota's credits by day): while it is chosen, the other choices show what it uses and are locked.

import { CUSTOM_BUCKET_VALUE, CUSTOM_WINDOW_VALUE, PANEL_IDS } from '../page/panelHtml';
import type { ExportDataFormat, ExportImageFormat } from '../page/protocol';
import { asBillingPeriodQuery, type PanelQuery } from '../usage/query/panelQuery';
import { breakdownInfo, humanize, metricInfo } from '../usage/catalog';
import { ZonedCalendar } from '../usage/calendar/timeZone';
import { BILLING_PERIOD_PRESET, billingPeriodWindow, isWindowPreset, presetWindow, provisionalBillingPeriodWindow } from '../usage/calendar/windows';
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
  /** The user's own choice for UTC buckets, restored when a metric or a bucket size stops forcing them. */
  private utcChoice = false;
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
    this.metric.addEventListener('change', () => this.syncUtcBuckets());
    this.interval.addEventListener('change', () => this.syncUtcBuckets());
    this.utcBuckets.addEventListener('change', () => {
      if (!this.utcBuckets.disabled) {
        this.utcChoice = this.utcBuckets.checked;
      }
    });
    this.preset.addEventListener('change', () => this.syncBillingPeriod());
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
    this.syncBillingPeriod();
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
    this.utcChoice = query.utcBuckets === true;
    this.syncBillingPeriod();
  }

  /** The query the form describes now, or undefined when it cannot (a custom window with no query yet). */
  readQuery(): PanelQuery | undefined {
    const presetValue = this.preset.value;
    let window: { startUnix: number; endUnix: number; preset?: PanelQuery['preset'] };
    if (presetValue === BILLING_PERIOD_PRESET) {
      // The host resolves the period from the quota; the last one shown (or a placeholder) stands in until then.
      const known = this.current?.preset === BILLING_PERIOD_PRESET ? billingPeriodWindow(this.current.startUnix, this.now()) : undefined;
      const window = known ?? provisionalBillingPeriodWindow(this.now(), this.calendar);
      return asBillingPeriodQuery({ ...window, breakdownType: 'none', metric: 'credits', includeWorkspaceMetrics: true });
    }
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
      // What the user chose: where the box is locked, the host knows the buckets stay the API's.
      utcBuckets: this.utcChoice,
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

  /** While the billing period is chosen, the other fields show what its chart uses, locked. */
  private syncBillingPeriod(): void {
    const billing = this.preset.value === BILLING_PERIOD_PRESET;
    if (billing) {
      selectValue(this.interval, 'day');
      selectValue(this.breakdown, 'none');
      selectValue(this.metric, 'credits');
    }
    for (const control of [this.interval, this.breakdown, this.metric]) {
      control.disabled = billing;
    }
    this.syncWorkspace();
    this.syncUtcBuckets();
  }

  /**
   * The box says which buckets the chart will have. Latency and concurrency cannot be added up into the user's
   * hours and days, and a bucket size in seconds is the API's: those are the API's UTC buckets, shown ticked and
   * locked. The billing period is always the user's days.
   */
  private syncUtcBuckets(): void {
    const billing = this.preset.value === BILLING_PERIOD_PRESET;
    const apiOnly = !billing && (metricInfo(this.metric.value).combine !== 'sum' || this.interval.value === CUSTOM_BUCKET_VALUE);
    this.utcBuckets.disabled = billing || apiOnly;
    this.utcBuckets.checked = apiOnly || (!billing && this.utcChoice);
    this.utcBuckets.title = apiOnly
      ? 'These are always the API\u2019s UTC buckets: latency and concurrency cannot be added up into your own hours and days, and a bucket size is counted from UTC.'
      : billing
        ? 'The billing period is shown in your own days.'
        : '';
  }

  private syncWorkspace(): void {
    if (this.preset.value === BILLING_PERIOD_PRESET) {
      // The quota counts the workspace's credits.
      this.workspace.disabled = true;
      this.workspace.checked = true;
      this.workspaceHint.hidden = true;
      return;
    }
    const forced = breakdownInfo(this.breakdown.value).needsWorkspaceMetrics;
    this.workspace.disabled = forced;
    this.workspace.checked = forced || this.workspaceChoice;
    this.workspaceHint.hidden = !forced;
  }

  private customOption(select: HTMLSelectElement, value: string): HTMLOptionElement {
    return Array.from(select.options).find((o) => o.value === value) ?? document.createElement('option');
  }
}
