// Vega expressions as the parser's trees: reading the nodes of the forms Vega-Lite writes, printing a tree back
// as text, and comparing two parses.

import { isRecord, type Json } from './vegaSpecWalk';

export type Node = Json & { type?: unknown };

export function nodeOf(value: unknown): Node | undefined {
  return isRecord(value) ? value : undefined;
}

/** `datum["f"]` or `datum.f` → "f". */
export function datumField(value: unknown): string | undefined {
  const node = nodeOf(value);
  if (node?.type !== 'MemberExpression' || nodeOf(node['object'])?.type !== 'Identifier' || nodeOf(node['object'])?.['name'] !== 'datum') {
    return undefined;
  }
  const property = nodeOf(node['property']);
  if (node['computed'] === true) {
    return property?.type === 'Literal' && typeof property['value'] === 'string' ? property['value'] : undefined;
  }
  return property?.type === 'Identifier' && typeof property['name'] === 'string' ? property['name'] : undefined;
}

/** `name(datum["f"], …)` → its arguments, when the call is to `name` and its first argument reads field f. */
export function callOn(value: unknown, name: string, field: string): unknown[] | undefined {
  const node = nodeOf(value);
  if (node?.type !== 'CallExpression' || nodeOf(node['callee'])?.type !== 'Identifier' || nodeOf(node['callee'])?.['name'] !== name) {
    return undefined;
  }
  const args = Array.isArray(node['arguments']) ? (node['arguments'] as unknown[]) : [];
  return datumField(args[0]) === field ? args : undefined;
}

/**
 * A Vega expression as text, for the forms Vega-Lite writes in mark encodings (undefined for any other node):
 * every compound part in parentheses, so no precedence can change.
 */
export function printExpression(value: unknown): string | undefined {
  const node = nodeOf(value);
  const print = (child: unknown): string | undefined => printExpression(child);
  switch (node?.type) {
    case 'Literal': {
      const literal = node['value'];
      return typeof literal === 'string' ? JSON.stringify(literal) : typeof literal === 'number' && Number.isFinite(literal) ? String(literal) : typeof literal === 'boolean' || literal === null ? String(literal) : undefined;
    }
    case 'Identifier':
      return typeof node['name'] === 'string' ? node['name'] : undefined;
    case 'MemberExpression': {
      const object = print(node['object']);
      const property = node['computed'] === true ? print(node['property']) : nodeOf(node['property'])?.['name'];
      return object === undefined || typeof property !== 'string' ? undefined : node['computed'] === true ? `${object}[${property}]` : `${object}.${property}`;
    }
    case 'CallExpression': {
      const callee = nodeOf(node['callee']);
      const args = Array.isArray(node['arguments']) ? (node['arguments'] as unknown[]).map(print) : [undefined];
      return callee?.type === 'Identifier' && typeof callee['name'] === 'string' && args.every((a) => a !== undefined) ? `${callee['name']}(${args.join(', ')})` : undefined;
    }
    case 'BinaryExpression':
    case 'LogicalExpression': {
      const left = print(node['left']);
      const right = print(node['right']);
      return left === undefined || right === undefined || typeof node['operator'] !== 'string' ? undefined : `(${left} ${node['operator']} ${right})`;
    }
    case 'UnaryExpression': {
      const argument = print(node['argument']);
      return argument === undefined || typeof node['operator'] !== 'string' || node['prefix'] === false ? undefined : `(${node['operator']}${argument})`;
    }
    case 'ConditionalExpression': {
      const [test, consequent, alternate] = [print(node['test']), print(node['consequent']), print(node['alternate'])];
      return test === undefined || consequent === undefined || alternate === undefined ? undefined : `(${test} ? ${consequent} : ${alternate})`;
    }
    case 'ArrayExpression': {
      const elements = Array.isArray(node['elements']) ? (node['elements'] as unknown[]).map(print) : [undefined];
      return elements.every((e) => e !== undefined) ? `[${elements.join(', ')}]` : undefined;
    }
    default:
      return undefined;
  }
}

/** The AST without what parsing the same text twice may number differently: for comparing two parses. */
export function astShape(value: unknown): string {
  return JSON.stringify(value, (key, item: unknown) => (key === 'raw' || key === 'range' || key === 'loc' ? undefined : item));
}

/** The parse of `expression`, or undefined where it does not parse. */
export function tryParse(parseExpression: (expression: string) => unknown, expression: string): unknown {
  try {
    return parseExpression(expression);
  } catch {
    return undefined;
  }
}

/**
 * A rewritten tree as text, kept only if the text parses back to that same tree (a rewrite the printer cannot
 * write faithfully leaves the expression as it was): undefined otherwise.
 */
export function faithfulPrint(rewritten: unknown, parseExpression: (expression: string) => unknown): string | undefined {
  const printed = printExpression(rewritten);
  const reparsed = printed === undefined ? undefined : tryParse(parseExpression, printed);
  return reparsed !== undefined && astShape(reparsed) === astShape(rewritten) ? printed : undefined;
}
