// A time axis whose labels the host writes (bucketLabels.ts, shared/locale/dateFormats.ts: the display language's
// own forms, as in the tooltip and the table), not Vega's d3 formats, which know month and day names but not how a
// language orders them ("Dec 7" in English, "7. Dez." in German, "12月7日" in Japanese) or whether it counts 12 hours.

/** A tick: where it stands (a wall-clock time written as UTC ms, as the chart's UTC scale reads it) and its label. */
export interface TimeTick {
  readonly at: number;
  readonly label: string;
}

/**
 * Axis properties for ticks at exactly `ticks`, each labelled with its own text: the label is looked up by the tick's
 * place among the values (JSON arrays are expression literals; quotes and backslashes stay escaped). The compiler
 * makes both tables params (compile/axisLabelParams.ts). A value not among them, which Vega does not make when it is
 * given the values, would read as nothing rather than as a d3 format.
 */
export function labelledTimeTicks(ticks: readonly TimeTick[]): { values: number[]; labelExpr: string } {
  const values = ticks.map((t) => t.at);
  return { values, labelExpr: `${JSON.stringify(ticks.map((t) => t.label))}[indexof(${JSON.stringify(values)}, time(datum.value))] || ''` };
}
