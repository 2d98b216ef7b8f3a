// The tables an axis' label expression looks its labels up in (timeAxis.ts: `["Dec 7", …][indexof([<ms>, …],
// time(datum.value))]`; the bars' `["Dec 7", …][datum.value]`) become params, so that two windows of one kind of
// chart differ in params rather than in their expressions, and the view on screen redraws in place.

import { PARAM_PREFIX, type JsonValue } from '../drawn/compiledChart';
import { faithfulPrint, nodeOf, tryParse } from './expressionAst';
import { isRecord, recordsOf, scopes, type Json } from './vegaSpecWalk';

/** An array literal of texts only, or of finite numbers only: a table a param can hold. */
function tableOf(node: Json): Array<string | number> | undefined {
  const elements = Array.isArray(node['elements']) ? (node['elements'] as unknown[]).map(nodeOf) : [];
  const values = elements.map((e) => (e?.type === 'Literal' ? e['value'] : undefined));
  const texts = values.every((v) => typeof v === 'string');
  const numbers = values.every((v) => typeof v === 'number' && Number.isFinite(v));
  return values.length > 0 && (texts || numbers) ? (values as Array<string | number>) : undefined;
}

/**
 * In each axis' label text expression, every array literal of texts or of numbers becomes a param. The rewritten
 * expression is printed and parsed again, and kept only if it parses to the same tree (else the axis stays as it is).
 */
export function axisLabelTablesToParams(spec: Json, parseExpression: (expression: string) => unknown, declare: (name: string, value: JsonValue) => { signal: string }): void {
  for (const { scope, path } of scopes(spec)) {
    recordsOf(scope['axes']).forEach((axis, i) => {
      const update = isRecord(axis['encode']) && isRecord(axis['encode']['labels']) ? axis['encode']['labels']['update'] : undefined;
      const text = isRecord(update) ? update['text'] : undefined;
      if (!isRecord(update) || !isRecord(text) || typeof text['signal'] !== 'string' || Object.keys(text).length !== 1) {
        return;
      }
      const ast = tryParse(parseExpression, text['signal']);
      if (ast === undefined) {
        return;
      }
      const prefix = `${PARAM_PREFIX}${path}axes_${i}_labels_`;
      const tables: Array<Array<string | number>> = [];
      // An array literal of texts or numbers becomes the param's name; anything else is looked into.
      const rewrite = (node: unknown): unknown => {
        const current = nodeOf(node);
        if (!current) {
          return node;
        }
        const table = current.type === 'ArrayExpression' ? tableOf(current) : undefined;
        if (table) {
          tables.push(table);
          return { type: 'Identifier', name: `${prefix}${tables.length - 1}` };
        }
        for (const [key, child] of Object.entries(current)) {
          current[key] = (Array.isArray(child) ? child.map(rewrite) : rewrite(child)) as Json[string];
        }
        return current;
      };
      const rewritten = rewrite(ast);
      const printed = tables.length > 0 ? faithfulPrint(rewritten, parseExpression) : undefined;
      if (printed === undefined) {
        return;
      }
      tables.forEach((table, n) => declare(`${prefix}${n}`, table));
      update['text'] = { signal: printed };
    });
  }
}
