// The transform packages the webview's Vega runtime registers ship no declarations; the tests only list their
// exports (test/unit/chart/compile.test.ts).
declare module 'vega-transforms';
declare module 'vega-view-transforms';
declare module 'vega-encode';
