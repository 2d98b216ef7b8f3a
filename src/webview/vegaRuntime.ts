// The Vega the webview needs to draw a compiled chart, and nothing more: the parser, the view, and the transforms
// that Vega-Lite's output uses (data transforms, view layout, scales and guides). The `vega` package would add
// geo, hierarchy, force, word-cloud, label, regression, Voronoi and cross-filter transforms that no usage chart
// uses; the Vega-Lite compiler runs on the extension host (chart/compile/compile.ts). test/unit/chart/compile.test.ts checks that
// every transform a compiled chart names is one of these.
//
// Expressions run through vega-interpreter (no Function(), so the page's CSP needs no 'unsafe-eval').

import { transforms } from 'vega-dataflow';
import * as encodeTransforms from 'vega-encode';
import { expressionInterpreter } from 'vega-interpreter';
import { parse } from 'vega-parser';
import * as dataTransforms from 'vega-transforms';
import { View } from 'vega-view';
import * as viewTransforms from 'vega-view-transforms';

Object.assign(transforms, dataTransforms, viewTransforms, encodeTransforms);

export { expressionInterpreter, parse, View };
