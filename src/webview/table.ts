// Draws the accessible data table (same data as the chart) from the pure table model.

import { PANEL_IDS } from '../chart/panelHtml';
import { buildTableModel } from '../chart/tableModel';
import type { ChartData } from '../usage/chartData';
import { byId } from './dom';

const timeFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

export function formatLocalTime(ms: number): string {
  return timeFormat.format(new Date(ms));
}

export class DataTable {
  private readonly section = byId<HTMLElement>(PANEL_IDS.tableSection);
  private readonly caption = byId<HTMLTableCaptionElement>(PANEL_IDS.tableCaption);
  private readonly head = byId<HTMLTableSectionElement>(PANEL_IDS.tableHead);
  private readonly body = byId<HTMLTableSectionElement>(PANEL_IDS.tableBody);
  private readonly foot = byId<HTMLTableSectionElement>(PANEL_IDS.tableFoot);

  render(data: ChartData): void {
    const model = buildTableModel(data, formatLocalTime);
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

    const fragment = document.createDocumentFragment();
    for (const row of model.rows) {
      fragment.append(this.row(row.header, row.cells));
    }
    this.body.replaceChildren(fragment);
    this.foot.replaceChildren(this.row(model.footer.header, model.footer.cells));
    this.section.hidden = false;
  }

  clear(): void {
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
