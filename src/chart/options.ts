// What the caller of the chart builders knows about the query and the page: the interval (for the notes), the
// breakdown (for the title) and the space the chart gets (for the layout of legend and subtitle).

export interface ChartSpecOptions {
  /** The query's aggregation interval ('hour', 'day', …), for the note on the buckets. */
  readonly interval?: string;
  /** The query's bucket size in seconds, when it set one instead of an interval. */
  readonly bucketSeconds?: number;
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

