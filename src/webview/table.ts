// Draws the accessible data table (same data as the chart) from the pure table model.

import { formatExact } from '../shared/locale/numberFormats';
import * as l10n from '@vscode/l10n';
import { dateTimeLabel } from '../chart/bucketLabels';
import { PANEL_IDS } from '../page/panelHtml';
import { buildTableModel, type TableModel } from '../chart/table/tableModel';
import type { ChartData } from '../usage/chartData';
import { byId } from './dom';

/**
 * Rows shown at once. A year of hourly buckets is 8,760 rows: laying them all out holds up the chart's first
 * paint by seconds and helps nobody read; the footer's totals still cover every bucket.
 */
export const ROWS_PER_PAGE = 500;

export class DataTable {
  private model: TableModel | undefined;
  private page = 0;

  private readonly section = byId<HTMLElement>(PANEL_IDS.tableSection);
  private readonly caption = byId<HTMLTableCaptionElement>(PANEL_IDS.tableCaption);
  private readonly head = byId<HTMLTableSectionElement>(PANEL_IDS.tableHead);
  private readonly body = byId<HTMLTableSectionElement>(PANEL_IDS.tableBody);
  private readonly foot = byId<HTMLTableSectionElement>(PANEL_IDS.tableFoot);
  // After the elements above: field initialisers run in order, and the pager goes into the section.
  private readonly pager = this.createPager();

  render(data: ChartData): void {
    const model = buildTableModel(data, (ms) => dateTimeLabel(ms, data.timeZone));
    this.caption.textContent = model.caption;

    const headRow = document.createElement('tr');
    model.columns.forEach((column, i) => {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = column;
      if (i > 0) {
        th.className = 'num';
      }
      headRow.append(th);
    });
    this.head.replaceChildren(headRow);

    this.model = model;
    this.page = 0;
    this.renderPage();
    this.foot.replaceChildren(this.row(model.footer.header, model.footer.cells));
    this.section.hidden = false;
  }

  private renderPage(): void {
    const rows = this.model?.rows ?? [];
    const first = this.page * ROWS_PER_PAGE;
    const fragment = document.createDocumentFragment();
    for (const row of rows.slice(first, first + ROWS_PER_PAGE)) {
      fragment.append(this.row(row.header, row.cells));
    }
    this.body.replaceChildren(fragment);
    const pages = Math.ceil(rows.length / ROWS_PER_PAGE);
    this.pager.nav.hidden = pages <= 1;
    this.pager.info.textContent = l10n.t('Rows {0}–{1} of {2}', formatExact(first + 1), formatExact(Math.min(first + ROWS_PER_PAGE, rows.length)), formatExact(rows.length));
    this.pager.previous.disabled = this.page === 0;
    this.pager.next.disabled = this.page >= pages - 1;
  }

  private turn(delta: number): void {
    this.page += delta;
    this.renderPage();
  }

  /** Previous/Next buttons under the table, made once (the page's HTML has no inline anything). */
  private createPager(): { nav: HTMLElement; info: HTMLElement; previous: HTMLButtonElement; next: HTMLButtonElement } {
    const nav = document.createElement('nav');
    nav.className = 'table-pager';
    nav.setAttribute('aria-label', l10n.t('Table pages'));
    nav.hidden = true;
    const previous = document.createElement('button');
    previous.type = 'button';
    previous.id = 'tablePrevious';
    previous.textContent = l10n.t('Previous');
    const next = document.createElement('button');
    next.type = 'button';
    next.id = 'tableNext';
    next.textContent = l10n.t('Next');
    const info = document.createElement('span');
    info.id = 'tablePageInfo';
    info.setAttribute('aria-live', 'polite');
    previous.addEventListener('click', () => this.turn(-1));
    next.addEventListener('click', () => this.turn(1));
    nav.append(previous, info, next);
    this.section.append(nav);
    return { nav, info, previous, next };
  }

  clear(): void {
    this.model = undefined;
    this.pager.nav.hidden = true;
    this.head.replaceChildren();
    this.body.replaceChildren();
    this.foot.replaceChildren();
    this.section.hidden = true;
  }

  setStale(stale: boolean): void {
    this.section.classList.toggle('is-stale', stale);
  }

  private row(header: string, cells: readonly string[]): HTMLTableRowElement {
    const tr = document.createElement('tr');
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = header;
    tr.append(th);
    for (const text of cells) {
      const td = document.createElement('td');
      td.className = 'num';
      td.textContent = text;
      tr.append(td);
    }
    return tr;
  }
}
