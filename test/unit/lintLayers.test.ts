// The layers of src/ are held by the lint rule layers/imports (scripts/eslint/layers.mjs): this lints small
// sources as if they stood in each folder, at the top of it and in a subfolder three deep, and checks that each
// import pointing up a layer (or `vscode` in a pure layer, or the Vega-Lite compiler in the webview) is an error,
// that the imports the layers are meant to make are not, and that every file of src/ as it stands passes.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';

type ESLintModule = typeof import('eslint', { with: { 'resolution-mode': 'import' } });

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** The folders a layer's probe stands in: the layer's own, and a subfolder three deep (a top file: itself). */
function depths(folder: string): string[] {
  return folder.endsWith('.ts') ? [folder] : [folder, `${folder}/one/two/three`];
}

describe('layers held by the lint', function () {
  this.timeout(120_000);
  let eslint: InstanceType<ESLintModule['ESLint']>;

  before(async () => {
    const { ESLint } = await import('eslint');
    eslint = new ESLint({ cwd: REPO_ROOT });
  });

  async function layerErrors(file: string, source: string): Promise<string[]> {
    const [result] = await eslint.lintText(source, { filePath: path.join(REPO_ROOT, file) });
    return result!.messages.filter((m) => m.ruleId === 'layers/imports' || m.fatal).map((m) => m.message);
  }

  /** Lints `import * as probe from <target>` in a file of `folder`, at each depth. */
  async function errorsAtEachDepth(folder: string, target: string): Promise<Array<[string, string[]]>> {
    const results: Array<[string, string[]]> = [];
    for (const dir of depths(folder)) {
      const file = dir.endsWith('.ts') ? dir : `${dir}/probe.ts`;
      const fromDir = path.posix.dirname(file);
      const specifier = target.startsWith('src/') ? path.posix.relative(fromDir, target) : target;
      const source = `import * as probe from '${target.startsWith('src/') && !specifier.startsWith('.') ? `./${specifier}` : specifier}';\nexport const x = probe;\n`;
      results.push([`${file}: ${source.split('\n')[0]}`, await layerErrors(file, source)]);
    }
    return results;
  }

  const FORBIDDEN: Array<[string, string[]]> = [
    ['src/shared', ['src/api/types', 'src/usage/totals', 'src/chart/drawn/theme', 'src/page/protocol', 'vscode']],
    ['src/api', ['src/usage/totals', 'src/status/statusModel', 'src/chart/spec/usageChartSpec', 'src/page/protocol', 'src/ui/statusBar/statusBar', 'src/webview/dom', 'vscode']],
    ['src/usage', ['src/status/statusModel', 'src/chart/spec/usageChartSpec', 'src/page/protocol', 'src/ui/statusBar/statusBar', 'src/webview/dom', 'vscode']],
    ['src/status', ['src/chart/spec/usageChartSpec', 'src/page/protocol', 'src/ui/statusBar/statusBar', 'src/webview/dom', 'vscode']],
    ['src/chart', ['src/status/todayUsage', 'src/page/protocol', 'src/ui/statusBar/statusBar', 'src/webview/dom', 'vscode']],
    ['src/chart/drawn', ['src/chart/spec/usageChartSpec', 'src/chart/compile/compile', 'src/status/todayUsage', 'src/page/protocol', 'vscode']],
    ['src/chart/table', ['src/chart/spec/chartWords', 'src/chart/compile/compile', 'src/page/protocol', 'src/webview/dom', 'vscode']],
    ['src/chart/bucketLabels.ts', ['src/chart/spec/chartWords', 'src/chart/table/tableModel', 'src/page/protocol', 'vscode']],
    ['src/page', ['src/status/todayUsage', 'src/chart/spec/usageChartSpec', 'src/chart/compile/compile', 'src/ui/statusBar/statusBar', 'src/webview/dom', 'vscode']],
    [
      'src/webview',
      [
        'src/api/client',
        'src/api/types',
        'src/status/todayUsage',
        'src/ui/statusBar/statusBar',
        'src/chart/spec/usageChartSpec',
        'src/chart/spec/billingPeriodSpec',
        'src/chart/spec/chartRows',
        'src/chart/spec/specOptions',
        'src/chart/chartFacade',
        'src/chart/compile/compile',
        'src/chart/compile/tooltipParams',
        'src/extension',
        'vscode',
        'vega-lite',
        'vega-lite/build/index',
      ],
    ],
    ['src/ui', ['src/webview/dom', 'src/webview/main']],
    ['src/extension.ts', ['src/webview/main']],
  ];

  for (const [folder, targets] of FORBIDDEN) {
    it(`refuses what ${folder} may not import, at every depth`, async () => {
      for (const target of targets) {
        for (const [what, errors] of await errorsAtEachDepth(folder, target)) {
          assert.equal(errors.length, 1, `${what} must be refused, got ${JSON.stringify(errors)}`);
        }
      }
    });
  }

  it('holds the edge however it is spelled (./../, a trailing /index, a type-only import, a re-export)', async () => {
    const spellings = [
      "import type { UsageStatusBar } from './../../ui/statusBar';\nexport type X = UsageStatusBar;\n",
      "export { UsageStatusBar } from '../../ui/statusBar';\n",
      "import type { X } from '../../ui/index';\nexport type Y = X;\n",
      "export const x = import('../../ui/statusBar');\n",
    ];
    for (const source of spellings) {
      assert.equal((await layerErrors('src/chart/sub/probe.ts', source)).length, 1, source.split('\n')[0]);
    }
  });

  const ACCEPTED: Array<[string, string[]]> = [
    ['src/api', ['src/shared/isRecord', 'src/shared/locale/numberFormats', '@vscode/l10n']],
    ['src/webview', ['src/shared/isRecord']],
    ['src/usage', ['src/api/client', 'src/usage/calendar/timeZone']],
    ['src/status', ['src/api/client', 'src/shared/locale/numberFormats', 'src/status/dateWords']],
    ['src/chart', ['src/shared/locale/numberFormats', 'src/chart/drawn/theme', 'vega-lite']],
    ['src/chart/table', ['src/chart/bucketLabels', 'src/chart/drawn/theme', 'src/shared/locale/numberFormats']],
    ['src/page', ['src/chart/drawn/compiledChart', 'src/usage/query/panelQuery', 'src/api/types', 'src/page/svgMarkup']],
    [
      'src/webview',
      ['src/page/protocol', 'src/usage/query/panelQuery', 'src/chart/drawn/compiledChart', 'src/chart/drawn/theme', 'src/chart/table/tableModel', 'src/chart/bucketLabels', 'src/page/panelHtml', 'src/page/svgMarkup', 'src/page/hostMessages', 'src/webview/dom', 'vega'],
    ],
    ['src/ui', ['vscode', 'src/status/todayUsage', 'src/chart/chartFacade', 'src/chart/compile/compile', 'src/page/protocol']],
    ['src/extension.ts', ['vscode', 'src/ui/statusBar/statusBar', 'src/chartFeature']],
  ];

  for (const [folder, targets] of ACCEPTED) {
    it(`accepts what ${folder} is meant to import, at every depth`, async () => {
      for (const target of targets) {
        for (const [what, errors] of await errorsAtEachDepth(folder, target)) {
          assert.deepEqual(errors, [], what);
        }
      }
    });
  }

  it('names a file that stands in no layer', async () => {
    const [error] = await layerErrors('src/newFolder/probe.ts', "import { x } from '../api/types';\nexport const y = x;\n");
    assert.match(error ?? '', /in no layer/);
  });

  it('passes every file of src/ as it stands', async () => {
    const results = await eslint.lintFiles([path.join(REPO_ROOT, 'src')]);
    const errors = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'layers/imports').map((m) => `${path.relative(REPO_ROOT, r.filePath)}: ${m.message}`));
    assert.ok(results.length > 50, `linted ${results.length} files`);
    assert.deepEqual(errors, []);
  });
});
