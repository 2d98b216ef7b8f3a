// What the caller of the chart builders knows besides the data: the breakdown (for the title) and the space the
// chart gets (for the layout of legend and subtitle). The buckets describe themselves (ChartData.buckets).

export interface ChartSpecOptions {
  /** Plot width in pixels; default 'container' (fits the webview). Tests and exports may fix it. */
  readonly width?: number;
  /** Plot height in pixels for time charts (default 300). */
  readonly height?: number;
  /**
   * The width the chart gets, in pixels, if known: legend columns and subtitle lines are laid out to fit it
   * (Vega neither wraps titles nor legends). Default 900.
   */
  readonly availableWidth?: number;
  /** The breakdown's label ('Model', 'Voice'…), for the title; omitted or 'none' for no breakdown. */
  readonly breakdownLabel?: string;
}

