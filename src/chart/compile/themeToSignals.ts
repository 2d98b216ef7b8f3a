// In a compiled spec, the theme's placeholders (themeSignals.ts) become references to the theme signals, which
// the webview sets.

import { EXPRESSION_KEYS, hasPlaceholder, placeholderSignal } from '../drawn/themeSignals';
import { isRecord, type Json } from './vegaSpecWalk';

/**
 * Replaces each `{value: placeholder}` and each text that is exactly a placeholder by a signal reference, and
 * declares the theme signals used. Returns whether a placeholder is left inside a longer text. Throws for one in an
 * expression: the webview writes the theme into no expression (the builders put none there).
 */
export function themeToSignals(spec: Json, signals: Json[], marker: string): boolean {
  const used = new Set<string>();
  let inTexts = false;
  const visit = (node: unknown, key?: string): unknown => {
    if (typeof node === 'string') {
      if (key !== undefined && EXPRESSION_KEYS.has(key)) {
        if (hasPlaceholder(node, marker)) {
          throw new Error(`A theme placeholder in the chart's ${key} expression: the chart cannot follow the theme.`);
        }
        return node;
      }
      const signal = placeholderSignal(node, marker);
      if (signal) {
        used.add(signal);
        return { signal };
      }
      if (hasPlaceholder(node, marker)) {
        inTexts = true;
      }
      return node;
    }
    if (Array.isArray(node)) {
      return node.map((item) => visit(item));
    }
    if (isRecord(node)) {
      const keys = Object.keys(node);
      const signal = keys.length === 1 && keys[0] === 'value' && typeof node['value'] === 'string' ? placeholderSignal(node['value'], marker) : undefined;
      if (signal) {
        used.add(signal);
        return { signal };
      }
      for (const key of keys) {
        node[key] = visit(node[key], key);
      }
    }
    return node;
  };
  visit(spec);
  for (const name of [...used].sort()) {
    signals.push({ name, value: null });
  }
  return inTexts;
}
