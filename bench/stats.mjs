// Small statistics helpers for the benchmark: median, min, max over repeated samples.

export function median(values) {
  const xs = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return undefined;
  const mid = Math.floor(xs.length / 2);
  return xs.length % 2 === 1 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

export function summary(values) {
  const xs = values.filter((v) => typeof v === 'number' && Number.isFinite(v));
  if (xs.length === 0) return { n: 0, median: undefined, min: undefined, max: undefined, samples: [] };
  return {
    n: xs.length,
    median: round(median(xs)),
    min: round(Math.min(...xs)),
    max: round(Math.max(...xs)),
    samples: xs.map((v) => round(v)),
  };
}

export function round(value, digits = 2) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * The host-side figures of each variant of a comparison (bench/localCalendar.mjs, bench/successor.mjs): its shape
 * and request count, and summaries of each run's fetch + shape, the fake's own answers (fetched again from Node
 * with the response read as text: no parse, no shape), the compile and the total.
 */
export function hostRunFigures(runs, shape) {
  const figures = {};
  for (const [name, list] of Object.entries(runs)) {
    figures[name] = {
      ...shape[name],
      requests: list[0]?.requests,
      fetchAndShapeMs: summary(list.map((r) => r.fetchMs)),
      fakeAnswersMs: summary(list.map((r) => r.fakeMs)),
      compileMs: summary(list.map((r) => r.compileMs)),
      totalMs: summary(list.map((r) => r.totalMs)),
    };
  }
  return figures;
}
