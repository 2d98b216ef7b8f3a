// The shape of the accessible table, apart from the builders that fill it (tableModel.ts for every chart,
// billingPeriodTable.ts for the running total), so that neither imports the other.

export interface TableModel {
  readonly caption: string;
  /** Column headers: time, one per series, the combined column. */
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<{ readonly header: string; readonly cells: readonly string[] }>;
  readonly footer: { readonly header: string; readonly cells: readonly string[] };
}
