// A small tooltip handler for Vega, in place of vega-tooltip: vega-tooltip injects a <style> element (blocked by
// the webview's CSP) and builds its content with innerHTML. This one fills a fixed element from the document
// with textContent only and positions it through the CSSOM (element.style.left/top), which CSP allows; its
// look is in media/chart.css (.chart-tooltip). A compiled chart's tooltips are lists of titles and fields
// (chart/compile/compile.ts): the text of the row under the pointer is made here, when it is pointed at.

import { isTooltipFields, tooltipText } from '../chart/drawn/compiledChart';

type TooltipValue = unknown;

const OFFSET = 12;

function rows(value: TooltipValue): Array<[string, string]> {
  if (value === null || value === undefined || value === '') {
    return [];
  }
  if (typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => [k, String(v)]);
  }
  return [['', String(value)]];
}

/** The row a scenegraph item draws, if any. */
function datumOf(item: unknown): Record<string, unknown> {
  const datum = typeof item === 'object' && item !== null ? (item as { datum?: unknown }).datum : undefined;
  return typeof datum === 'object' && datum !== null ? (datum as Record<string, unknown>) : {};
}

export function createTooltipHandler(element: HTMLElement): (handler: unknown, event: MouseEvent, item: unknown, value: TooltipValue) => void {
  return (_handler, event, item, value) => {
    const entries = rows(isTooltipFields(value) ? tooltipText(value, datumOf(item)) : value);
    if (entries.length === 0 || !event) {
      element.hidden = true;
      return;
    }
    const table = document.createElement('table');
    for (const [key, text] of entries) {
      const tr = document.createElement('tr');
      if (key) {
        const th = document.createElement('th');
        th.scope = 'row';
        th.textContent = key;
        tr.append(th);
      }
      const td = document.createElement('td');
      td.textContent = text;
      if (!key) {
        td.colSpan = 2;
      }
      tr.append(td);
      table.append(tr);
    }
    element.replaceChildren(table);
    element.hidden = false;
    // Keep it inside the viewport: to the left of the pointer near the right edge, above it near the bottom.
    const { innerWidth, innerHeight } = window;
    const box = element.getBoundingClientRect();
    let x = event.clientX + OFFSET;
    let y = event.clientY + OFFSET;
    if (x + box.width > innerWidth) {
      x = Math.max(0, event.clientX - OFFSET - box.width);
    }
    if (y + box.height > innerHeight) {
      y = Math.max(0, event.clientY - OFFSET - box.height);
    }
    element.style.left = `${x}px`;
    element.style.top = `${y}px`;
  };
}
