// The layers of src/ are held by eslint.config.mjs: this lints small sources as if they stood in each folder and
// checks that an import pointing up a layer, or `vscode` in a pure layer, is an error, and that the imports
// the layers are meant to make are not.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';

type ESLintModule = typeof import('eslint', { with: { 'resolution-mode': 'import' } });

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

describe('layers held by the lint', function () {
  this.timeout(60_000);
  let eslint: InstanceType<ESLintModule['ESLint']>;

  before(async () => {
    const { ESLint } = await import('eslint');
    eslint = new ESLint({ cwd: REPO_ROOT });
  });

  async function importErrors(file: string, source: string): Promise<string[]> {
    const [result] = await eslint.lintText(source, { filePath: path.join(REPO_ROOT, file) });
    return result!.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
  }

  it('refuses an import that points up a layer, and vscode below src/ui', async () => {
    const upward: Array<[string, string]> = [
      ['src/api/probe.ts', "import { grandTotal } from '../usage/totals';\nexport const x = grandTotal;\n"],
      ['src/usage/probe.ts', "import { statusView } from '../status/statusModel';\nexport const x = statusView;\n"],
      ['src/usage/probe.ts', "import type { HostMessage } from '../protocol';\nexport type X = HostMessage;\n"],
      ['src/chart/probe.ts', "import { UsageStatusBar } from '../ui/statusBar';\nexport const x = UsageStatusBar;\n"],
      ['src/status/probe.ts', "import { buildChartSpec } from '../chart/spec';\nexport const x = buildChartSpec;\n"],
      ['src/webview/probe.ts', "import { TodayUsage } from '../status/todayUsage';\nexport const x = TodayUsage;\n"],
      ['src/ui/probe.ts', "import { byId } from '../webview/dom';\nexport const x = byId;\n"],
      ['src/usage/probe.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n"],
      ['src/chart/probe.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n"],
    ];
    for (const [file, source] of upward) {
      const errors = await importErrors(file, source);
      assert.equal(errors.length, 1, `${file}: ${source.split('\n')[0]} must be refused`);
    }
  });

  it('accepts imports that point down', async () => {
    const downward: Array<[string, string]> = [
      ['src/usage/probe.ts', "import { ElevenLabsClient } from '../api/client';\nexport const x = ElevenLabsClient;\n"],
      ['src/chart/probe.ts', "import { formatExact } from '../usage/numberFormat';\nexport const x = formatExact;\n"],
      ['src/webview/probe.ts', "import { parseWebviewMessage } from '../protocol';\nimport { buildChartSpec } from '../chart/spec';\nexport const x = [parseWebviewMessage, buildChartSpec];\n"],
      ['src/ui/probe.ts', "import * as vscode from 'vscode';\nimport { TodayUsage } from '../status/todayUsage';\nexport const x = [vscode, TodayUsage];\n"],
    ];
    for (const [file, source] of downward) {
      assert.deepEqual(await importErrors(file, source), [], `${file}: ${source.split('\n')[0]}`);
    }
  });
});
