// Rows of a chart's data in columns, for the way from the extension host to the webview. A long-format row list
// repeats every field name in each row and writes each number as text; here numbers travel as one Float64Array
// per column (VS Code's postMessage carries typed arrays as binary, not JSON), and a column with few distinct
// values (series names, legend keys, bucket texts shared by the series) as those values and one index per row.
// Pure and generic: it knows nothing of which fields the spec builders put in a row.

import { isRecord } from '../../shared/isRecord';

/** A value a row field may hold (what JSON carries); `undefined` means the row has no such field. */
export type CellValue = string | number | boolean | null;

export type Column =
  /** Numbers; NaN stands for null (rows carry null where a bucket has no value). */
  | { readonly name: string; readonly kind: 'numbers'; readonly values: Float64Array }
  /** Each row's value is `dictionary[indexes[i]]`; the index `dictionary.length` means the row lacks the field. */
  | { readonly name: string; readonly kind: 'dictionary'; readonly dictionary: readonly CellValue[]; readonly indexes: Uint16Array | Uint32Array };

export interface ColumnarRows {
  readonly length: number;
  readonly columns: readonly Column[];
}

/** Field names a row may not have: they would reach Object.prototype, or Vega's own tuple id. */
const FORBIDDEN_FIELDS = new Set(['__proto__', 'constructor', 'prototype']);

function isCell(value: unknown): value is CellValue {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/** The columns of `rows` (plain objects whose fields hold JSON primitives). Throws on anything else. */
export function encodeRows(rows: ReadonlyArray<Readonly<Record<string, unknown>>>): ColumnarRows {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const name of Object.keys(row)) {
      if (!seen.has(name)) {
        seen.add(name);
        names.push(name);
      }
    }
  }
  const columns = names.map((name): Column => {
    if (FORBIDDEN_FIELDS.has(name)) {
      throw new Error(`encodeRows: a row field may not be named ${name}`);
    }
    let numeric = true;
    for (const row of rows) {
      const value = row[name];
      if (!(value === null || (typeof value === 'number' && Number.isFinite(value)))) {
        numeric = false;
        break;
      }
    }
    // A numeric column of few distinct values (a series' order) is smaller as a dictionary, but Float64Arrays
    // need no decoding beyond a read: numbers stay numbers.
    if (numeric) {
      const values = new Float64Array(rows.length);
      rows.forEach((row, i) => {
        const value = row[name] as number | null;
        values[i] = value === null ? Number.NaN : value;
      });
      return { name, kind: 'numbers', values };
    }
    const dictionary: CellValue[] = [];
    const positions = new Map<CellValue, number>();
    // -1 for a row without the field, until the dictionary's length (the index that says so) is known.
    const indexes: number[] = new Array<number>(rows.length);
    rows.forEach((row, i) => {
      if (!Object.prototype.hasOwnProperty.call(row, name) || row[name] === undefined) {
        indexes[i] = -1;
        return;
      }
      const value = row[name];
      if (!isCell(value)) {
        throw new Error(`encodeRows: field ${name} of row ${i} is not a string, finite number, boolean or null`);
      }
      let position = positions.get(value);
      if (position === undefined) {
        position = dictionary.length;
        dictionary.push(value);
        positions.set(value, position);
      }
      indexes[i] = position;
    });
    const Indexes = dictionary.length < 0xffff ? Uint16Array : Uint32Array;
    const typed = new Indexes(rows.length);
    indexes.forEach((index, i) => {
      typed[i] = index < 0 ? dictionary.length : index;
    });
    return { name, kind: 'dictionary', dictionary, indexes: typed };
  });
  return { length: rows.length, columns };
}

/** The rows again, as plain objects (what Vega ingests). The input must have passed parseColumnarRows. */
export function decodeRows(columnar: ColumnarRows): Array<Record<string, CellValue>> {
  const rows: Array<Record<string, CellValue>> = new Array(columnar.length);
  for (let i = 0; i < columnar.length; i++) {
    rows[i] = {};
  }
  for (const column of columnar.columns) {
    const name = column.name;
    if (column.kind === 'numbers') {
      const values = column.values;
      for (let i = 0; i < columnar.length; i++) {
        const value = values[i]!;
        rows[i]![name] = Number.isNaN(value) ? null : value;
      }
    } else {
      const { dictionary, indexes } = column;
      for (let i = 0; i < columnar.length; i++) {
        const index = indexes[i]!;
        if (index < dictionary.length) {
          rows[i]![name] = dictionary[index]!;
        }
      }
    }
  }
  return rows;
}


/**
 * ColumnarRows from untrusted input (a message), or undefined: every column as long as the rows, indexes
 * within their dictionary, field names that are plain, at most `maxRows` rows.
 */
export function parseColumnarRows(value: unknown, maxRows: number): ColumnarRows | undefined {
  if (!isRecord(value) || !Array.isArray(value['columns'])) {
    return undefined;
  }
  const length = value['length'];
  if (typeof length !== 'number' || !Number.isInteger(length) || length < 0 || length > maxRows) {
    return undefined;
  }
  const names = new Set<string>();
  const columns: Column[] = [];
  for (const raw of value['columns'] as unknown[]) {
    if (!isRecord(raw) || typeof raw['name'] !== 'string' || raw['name'].length > 200 || FORBIDDEN_FIELDS.has(raw['name']) || names.has(raw['name'])) {
      return undefined;
    }
    const name = raw['name'];
    names.add(name);
    if (raw['kind'] === 'numbers') {
      const values = raw['values'];
      if (!(values instanceof Float64Array) || values.length !== length) {
        return undefined;
      }
      columns.push({ name, kind: 'numbers', values });
    } else if (raw['kind'] === 'dictionary') {
      const { dictionary, indexes } = raw;
      if (!Array.isArray(dictionary) || !dictionary.every(isCell) || !(indexes instanceof Uint16Array || indexes instanceof Uint32Array) || indexes.length !== length) {
        return undefined;
      }
      for (let i = 0; i < length; i++) {
        if (indexes[i]! > dictionary.length) {
          return undefined;
        }
      }
      columns.push({ name, kind: 'dictionary', dictionary: dictionary as CellValue[], indexes });
    } else {
      return undefined;
    }
  }
  return { length, columns };
}
