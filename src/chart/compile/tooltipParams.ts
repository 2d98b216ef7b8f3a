// Tooltips: Vega-Lite's tooltip expression becomes a param listing each line's title and field (the webview
// makes the text of the one row under the pointer: compiledChart.tooltipText).

import { PARAM_PREFIX, type JsonValue, type TooltipFields } from '../drawn/compiledChart';
import { callOn, datumField, nodeOf, tryParse } from './expressionAst';
import { allMarks, isRecord, type Json } from './vegaSpecWalk';

/**
 * One tooltip line as Vega-Lite writes it, `isValid(datum["f"]) ? isArray(datum["f"]) ? join(datum["f"], "sep")
 * : datum["f"] : "" + datum["f"]`, read as field and separator; undefined for any other expression.
 */
function tooltipLine(value: unknown): { field: string; separator: string } | undefined {
  const node = nodeOf(value);
  if (node?.type !== 'ConditionalExpression') {
    return undefined;
  }
  const test = nodeOf(node['test']);
  const field = test?.type === 'CallExpression' && Array.isArray(test['arguments']) ? datumField((test['arguments'] as unknown[])[0]) : undefined;
  if (field === undefined || !callOn(test, 'isValid', field)) {
    return undefined;
  }
  const valid = nodeOf(node['consequent']);
  if (valid?.type !== 'ConditionalExpression' || !callOn(valid['test'], 'isArray', field) || datumField(valid['alternate']) !== field) {
    return undefined;
  }
  const join = callOn(valid['consequent'], 'join', field);
  const separator = nodeOf(join?.[1]);
  if (!join || join.length !== 2 || separator?.type !== 'Literal' || typeof separator['value'] !== 'string') {
    return undefined;
  }
  const invalid = nodeOf(node['alternate']);
  const empty = nodeOf(invalid?.['left']);
  if (invalid?.type !== 'BinaryExpression' || invalid['operator'] !== '+' || empty?.type !== 'Literal' || empty['value'] !== '' || datumField(invalid['right']) !== field) {
    return undefined;
  }
  return { field, separator: separator['value'] };
}

/** The title and field of each line of a tooltip object expression, or undefined if any line is another form. */
function tooltipFields(expression: string, parseExpression: (expression: string) => unknown): TooltipFields | undefined {
  const ast = nodeOf(tryParse(parseExpression, expression));
  if (ast?.type !== 'ObjectExpression' || !Array.isArray(ast['properties'])) {
    return undefined;
  }
  const fields: Array<readonly [string, string, string]> = [];
  for (const property of ast['properties'] as unknown[]) {
    const node = nodeOf(property);
    const key = nodeOf(node?.['key']);
    const title = key?.type === 'Literal' ? key['value'] : key?.type === 'Identifier' ? key['name'] : undefined;
    const line = tooltipLine(node?.['value']);
    if (node?.type !== 'Property' || node['computed'] === true || typeof title !== 'string' || !line) {
      return undefined;
    }
    fields.push([title, line.field, line.separator]);
  }
  return { tooltipFields: fields };
}

export function tooltipsToParams(spec: Json, parseExpression: (expression: string) => unknown, declare: (name: string, value: JsonValue) => { signal: string }): void {
  allMarks(spec).forEach((mark, i) => {
    const update = isRecord(mark['encode']) && isRecord(mark['encode']['update']) ? mark['encode']['update'] : undefined;
    const tooltip = update?.['tooltip'];
    if (!update || !isRecord(tooltip) || typeof tooltip['signal'] !== 'string' || Object.keys(tooltip).length !== 1) {
      return;
    }
    const fields = tooltipFields(tooltip['signal'], parseExpression);
    if (fields) {
      const name = typeof mark['name'] === 'string' && /^[A-Za-z0-9_]+$/.test(mark['name']) ? mark['name'] : `mark_${i}`;
      update['tooltip'] = declare(`${PARAM_PREFIX}tooltip_${name}`, fields as unknown as JsonValue);
    }
  });
}
