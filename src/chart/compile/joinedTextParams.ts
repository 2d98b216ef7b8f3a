// The text literals that mark encodings join with `+` (the per-row ARIA descriptions) become params, so that
// charts of the same kind differ in params rather than in their expressions.

import { PARAM_PREFIX, type JsonValue } from '../drawn/compiledChart';
import { faithfulPrint, nodeOf, tryParse } from './expressionAst';
import { allMarks, isRecord, type Json } from './vegaSpecWalk';

/**
 * In each mark encoding given as an expression, the text literals joined with `+` become params (the per-row
 * ARIA descriptions of an SVG chart say "Time (Europe/Berlin): …; Credits: …"). Only `+` operands: a literal
 * elsewhere (a scale's or data set's name, a format) may be one Vega reads when it parses the spec. The
 * rewritten expression is printed and parsed again, and kept only if it parses to the same tree.
 */
export function joinedTextsToParams(spec: Json, parseExpression: (expression: string) => unknown, declare: (name: string, value: JsonValue) => { signal: string }): void {
  allMarks(spec).forEach((mark, i) => {
    const markName = typeof mark['name'] === 'string' && /^[A-Za-z0-9_]+$/.test(mark['name']) ? mark['name'] : `mark_${i}`;
    const encode = isRecord(mark['encode']) ? mark['encode'] : {};
    for (const [setName, set] of Object.entries(encode)) {
      if (!isRecord(set)) {
        continue;
      }
      for (const [channel, encoder] of Object.entries(set)) {
        if (!isRecord(encoder) || typeof encoder['signal'] !== 'string' || Object.keys(encoder).length !== 1) {
          continue;
        }
        const ast = tryParse(parseExpression, encoder['signal']);
        if (ast === undefined) {
          continue;
        }
        const texts: string[] = [];
        const prefix = `${PARAM_PREFIX}text_${markName}_${setName}_${channel}_`;
        const visit = (node: unknown): void => {
          const current = nodeOf(node);
          if (!current) {
            return;
          }
          if (current.type === 'BinaryExpression' && current['operator'] === '+') {
            for (const side of ['left', 'right'] as const) {
              const operand = nodeOf(current[side]);
              if (operand?.type === 'Literal' && typeof operand['value'] === 'string') {
                current[side] = { type: 'Identifier', name: `${prefix}${texts.length}` };
                texts.push(operand['value']);
              }
            }
          }
          for (const child of Object.values(current)) {
            if (Array.isArray(child)) {
              child.forEach(visit);
            } else {
              visit(child);
            }
          }
        };
        visit(ast);
        const printed = texts.length > 0 ? faithfulPrint(ast, parseExpression) : undefined;
        if (printed === undefined) {
          continue;
        }
        texts.forEach((text, n) => declare(`${prefix}${n}`, text));
        set[channel] = { signal: printed };
      }
    }
  });
}
