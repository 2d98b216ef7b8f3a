// Walking a compiled Vega spec: its records, its marks (nested ones included) and the scopes (the spec and its
// group marks) that hold axes, legends, scales and titles.

import { isRecord } from '../../shared/isRecord';

export { isRecord };

export type Json = Record<string, unknown>;

export function recordsOf(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** Every mark of the spec, nested group marks' marks included. */
export function allMarks(scope: Json): Json[] {
  return recordsOf(scope['marks']).flatMap((mark) => [mark, ...allMarks(mark)]);
}

/** The spec and its group marks: each may have its own axes, legends, scales and title. */
export function scopes(spec: Json): Array<{ scope: Json; path: string }> {
  const found = [{ scope: spec, path: '' }];
  const visit = (scope: Json, path: string): void => {
    recordsOf(scope['marks']).forEach((mark, i) => {
      if (mark['type'] === 'group') {
        const markPath = `${path}marks_${i}_`;
        found.push({ scope: mark, path: markPath });
        visit(mark, markPath);
      }
    });
  };
  visit(spec, '');
  return found;
}
