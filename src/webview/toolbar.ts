// The query form: shows the current query and turns the user's choices into a PanelQuery at submit time (a
// preset is resolved to its window then, so "Today" always means today). Breakdowns that the service refuses
// without workspace metrics tick and lock the workspace-metrics box. A kind of chart that fixes fields ("This
// billing period": the quota's credits by day) shows, while it is chosen, what it uses in them, locked.

import * as l10n from '@vscode/l10n';
import { CUSTOM_BUCKET_VALUE, CUSTOM_WINDOW_VALUE, PANEL_IDS } from '../page/panelHtml';
import type { ExportDataFormat, ExportImageFormat } from '../page/protocol';
import type { PanelQuery } from '../usage/query/panelQuery';
import { breakdownInfo, humanize, metricInfo } from '../usage/catalog';
import { ZonedCalendar } from '../usage/calendar/timeZone';
import { withFixedFields, type FixedField } from '../usage/kinds/chartKind';
import { ANALYTICS_FIXED, analyticsLabel } from '../usage/query/analyticsFixed';
import { COMPARE_FIXED, compareLabel } from '../usage/query/compareFixed';
import { chartKindOf, isChartPreset } from '../usage/kinds/chartKinds';
import { byId } from './dom';

export interface ToolbarHandlers {
  onQuery(query: PanelQuery): void;
  onExportImage(format: ExportImageFormat): void;
  onExportData(format: ExportDataFormat): void;
}

function describeSeconds(seconds: number): string {
  if (seconds % 86400 === 0) {
    return l10n.t('{0} d', seconds / 86400);
  }
  if (seconds % 3600 === 0) {
    return l10n.t('{0} h', seconds / 3600);
  }
  if (seconds % 60 === 0) {
    return l10n.t('{0} min', seconds / 60);
  }
  return l10n.t('{0} s', seconds);
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
    this.preset.addEventListener('change', () => this.syncFixedFields());
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
    this.syncFixedFields();
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
      selectValue(this.preset, CUSTOM_WINDOW_VALUE, l10n.t('Custom window'));
    }
    if (query.aggregationBucketSize !== undefined) {
      selectValue(this.interval, CUSTOM_BUCKET_VALUE, l10n.t('Every {0}', describeSeconds(query.aggregationBucketSize)));
    } else {
      selectValue(this.interval, query.aggregationInterval ?? 'day');
      this.customOption(this.interval, CUSTOM_BUCKET_VALUE).hidden = true;
    }
    selectValue(this.breakdown, query.breakdownType);
    selectValue(this.metric, query.metric);
    this.workspaceChoice = query.includeWorkspaceMetrics;
    this.utcChoice = query.utcBuckets === true;
    this.syncFixedFields();
  }

  /** The query the form describes now, or undefined when it cannot (a custom window with no query yet). */
  readQuery(): PanelQuery | undefined {
    const presetValue = this.preset.value;
    let window: { startUnix: number; endUnix: number; preset?: PanelQuery['preset'] };
    if (isChartPreset(presetValue)) {
      // A window only the host knows (the billing period's) is the last one shown, or a placeholder, until it runs.
      const known = this.current?.preset === presetValue ? this.current : undefined;
      window = { preset: presetValue, ...chartKindOf({ preset: presetValue }).presetWindow(presetValue, this.now(), this.calendar, known) };
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
    const query: PanelQuery = {
      ...window,
      ...bucket,
      breakdownType,
      metric: this.metric.value,
      includeWorkspaceMetrics: this.workspace.checked || breakdownInfo(breakdownType).needsWorkspaceMetrics,
      // What the user chose: where the box is locked, the host knows the buckets stay the API's.
      utcBuckets: this.utcChoice,
    };
    // The kind's fixed fields win over what the locked controls still hold; the analytics source keeps its own.
    const resolved = chartKindOf(query).resolve(query, this.now(), this.calendar);
    const current = this.current;
    return current?.source === 'analytics' && chartKindOf(resolved).fixed.length === 0
      ? withFixedFields({ ...resolved, source: 'analytics', ...(current.groupBy ? { groupBy: current.groupBy } : {}), ...(current.filters ? { filters: current.filters } : {}) }, ANALYTICS_FIXED)
      : resolved;
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

  /** The fields the chosen kind of chart fixes (none for a typed window), by field, and the kind's label. */
  private fixedFields(): { readonly label: string; readonly fields: ReadonlyMap<FixedField['field'], FixedField> } {
    const preset = this.preset.value;
    const kind = isChartPreset(preset) ? chartKindOf({ preset }) : undefined;
    if (kind && kind.fixed.length > 0) {
      return { label: kind.presetLabel(preset), fields: new Map(kind.fixed.map((fixed) => [fixed.field, fixed])) };
    }
    // Accounts compared are one series each; the host keeps them compared whatever the page sends.
    const compared = this.current?.compare ? COMPARE_FIXED : [];
    if (this.current?.source === 'analytics') {
      return { label: analyticsLabel(), fields: new Map([...ANALYTICS_FIXED, ...compared].map((fixed) => [fixed.field, fixed])) };
    }
    return { label: compared.length > 0 ? compareLabel() : '', fields: new Map(compared.map((fixed) => [fixed.field, fixed])) };
  }

  /** While a kind that fixes fields is chosen, those fields show what its chart uses, locked. */
  private syncFixedFields(): void {
    const { fields } = this.fixedFields();
    const controls: ReadonlyArray<[HTMLSelectElement, FixedField['field']]> = [
      [this.interval, 'aggregationInterval'],
      [this.breakdown, 'breakdownType'],
      [this.metric, 'metric'],
    ];
    for (const [control, field] of controls) {
      const fixed = fields.get(field);
      if (typeof fixed?.value === 'string') {
        selectValue(control, fixed.value);
      }
      control.disabled = fixed !== undefined;
    }
    this.syncWorkspace();
    this.syncUtcBuckets();
  }

  /**
   * The box says which buckets the chart will have. Latency and concurrency cannot be added up into the user's
   * hours and days, and a bucket size in seconds is the API's: those are the API's UTC buckets, shown ticked and
   * locked. A kind that fixes the buckets (the billing period: the user's days) shows its choice, locked.
   */
  private syncUtcBuckets(): void {
    const { label, fields } = this.fixedFields();
    const fixed = fields.get('utcBuckets');
    const apiOnly = !fixed && (metricInfo(this.metric.value).combine !== 'sum' || this.interval.value === CUSTOM_BUCKET_VALUE);
    this.utcBuckets.disabled = fixed !== undefined || apiOnly;
    this.utcBuckets.checked = fixed ? fixed.value === true : apiOnly || this.utcChoice;
    this.utcBuckets.title = apiOnly
      ? l10n.t('These are always the API’s UTC buckets: latency and concurrency cannot be added up into your own hours and days, and a bucket size is counted from UTC.')
      : fixed
        ? l10n.t('{0}: {1}.', label, fixed.why)
        : '';
  }

  private syncWorkspace(): void {
    const fixed = this.fixedFields().fields.get('includeWorkspaceMetrics');
    if (fixed) {
      // The billing period's quota counts the workspace's credits.
      this.workspace.disabled = true;
      this.workspace.checked = fixed.value === true;
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
