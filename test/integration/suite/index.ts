// The in-host test bootstrap: VS Code loads this file inside its extension host (extensionTestsPath) and
// awaits run(). Used both by scripts/vscode/run-integration-tests.mjs (offline VS Code server + Chromium)
// and by @vscode/test-cli / test-electron (.vscode-test.mjs) on machines with a network.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** Every compiled *.test.js below `dir`, sorted, without a glob dependency. */
function findTests(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(full));
    else if (entry.isFile() && entry.name.endsWith('.test.js')) found.push(full);
  }
  return found.sort();
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const grep = process.env.ELEVENLABS_USAGE_TEST_GREP;
  if (grep) mocha.grep(grep);

  // out/test/integration/suite/index.js -> out/test/integration
  const testsRoot = path.resolve(__dirname, '..');
  // ELEVENLABS_USAGE_TEST_SPEC: comma-separated parts of file paths, e.g. "activation,statusBar".
  const spec = process.env.ELEVENLABS_USAGE_TEST_SPEC;
  const parts = (spec ?? '').split(',').map((part) => part.trim()).filter(Boolean);
  const files = findTests(testsRoot).filter((file) => parts.length === 0 || parts.some((part) => file.includes(part)));
  for (const file of files) mocha.addFile(file);

  return new Promise<void>((resolve, reject) => {
    if (files.length === 0) {
      console.log('integration: 0 passed, 0 failed');
      reject(new Error(`integration: no *.test.js file found under ${testsRoot}${spec ? ` matching "${spec}"` : ''}`));
      return;
    }
    try {
      const runner = mocha.run((failures) => {
        const stats = runner.stats;
        const passed = stats?.passes ?? 0;
        const failed = stats?.failures ?? failures;
        const pending = stats?.pending ?? 0;
        console.log(`integration: ${passed} passed, ${failed} failed${pending > 0 ? `, ${pending} skipped` : ''}`);
        if (failures > 0 || failed > 0) reject(new Error(`${Math.max(failures, failed)} integration test(s) failed`));
        else if (passed === 0) reject(new Error('integration: no test ran'));
        else resolve();
      });
      // A picture of the window as it was when a test failed, taken by the runner (run-integration-tests.mjs):
      // test-results/integration-failed-N.png.
      let failedSoFar = 0;
      runner.on('fail', () => console.log(`[integration:screenshot] failed-${++failedSoFar}`));
    } catch (error) {
      console.error(error);
      console.log('integration: 0 passed, 1 failed');
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
