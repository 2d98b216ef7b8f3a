// The one test every reader of untrusted data starts with (API answers, the page's and the host's messages,
// stored state, compiled specs): a plain object whose fields can be read by name. Arrays are not records, and
// neither are typed arrays (which postMessage carries as binary, and which have numeric "fields" of their own).
// In src/shared, below every layer, so that the host, the chart and the browser page all use this one.

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}
