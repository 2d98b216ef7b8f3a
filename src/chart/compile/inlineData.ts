// A compiled spec's inline data: taken out of the spec into columns, and Vega-Lite's date parsing of columns
// that already hold epoch milliseconds dropped.

import { encodeRows, type ColumnarRows } from '../drawn/columnar';
import { isRecord, recordsOf, type Json } from './vegaSpecWalk';

/** Removes the inline `values` of each data set and returns them in columns, by data set name. */
export function takeInlineData(spec: Json): Record<string, ColumnarRows> {
  const datasets: Record<string, ColumnarRows> = {};
  for (const data of recordsOf(spec['data'])) {
    if (Array.isArray(data['values']) && typeof data['name'] === 'string' && data['format'] === undefined) {
      datasets[data['name']] = encodeRows(data['values'] as Json[]);
      delete data['values'];
    }
  }
  return datasets;
}

const TO_DATE = /^toDate\(datum\["([^"\\]+)"\]\)$/;

/** Drops Vega-Lite's leading `toDate(datum["f"])` formulas where the source's column f holds only numbers. */
export function dropNumericDateParsing(spec: Json, datasets: Readonly<Record<string, ColumnarRows>>): void {
  for (const data of recordsOf(spec['data'])) {
    const source = typeof data['source'] === 'string' ? datasets[data['source']] : undefined;
    if (!source || !Array.isArray(data['transform'])) {
      continue;
    }
    const transforms = data['transform'] as unknown[];
    let leading = 0;
    while (leading < transforms.length) {
      const transform = transforms[leading];
      const field = isRecord(transform) && transform['type'] === 'formula' && typeof transform['expr'] === 'string' ? TO_DATE.exec(transform['expr'])?.[1] : undefined;
      if (field === undefined || !isRecord(transform) || transform['as'] !== field) {
        break;
      }
      leading++;
    }
    const kept = transforms.filter((transform, i) => {
      if (i >= leading || !isRecord(transform)) {
        return true;
      }
      const column = source.columns.find((c) => c.name === transform['as']);
      return !(column?.kind === 'numbers' && !column.values.some(Number.isNaN));
    });
    if (kept.length === 0) {
      delete data['transform'];
    } else {
      data['transform'] = kept;
    }
  }
}
