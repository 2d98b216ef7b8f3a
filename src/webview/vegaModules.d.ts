// Types for the parts of Vega the webview imports one by one (vegaRuntime.ts); they ship no declarations of
// their own. The View and its parse input are those of the `vega` package, which re-exports them.

declare module 'vega-parser' {
  import type { Runtime, Spec } from 'vega';
  export function parse(spec: Spec, config?: object, options?: { ast?: boolean }): Runtime;
}

declare module 'vega-view' {
  import type { View as VegaView } from 'vega';
  export const View: typeof VegaView;
}

declare module 'vega-dataflow' {
  export const transforms: Record<string, unknown>;
}

declare module 'vega-transforms';
declare module 'vega-view-transforms';
declare module 'vega-encode';
