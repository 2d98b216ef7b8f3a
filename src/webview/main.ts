// The chart webview's entry point (bundled for the browser by esbuild.js). Filled in by the chart issue.
export {};
