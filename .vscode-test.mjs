// @vscode/test-cli configuration (`npm run test:electron`): the same in-host tests as
// `npm run test:integration`, in a desktop VS Code that @vscode/test-electron downloads. That needs the
// internet, so it is for desktop machines with a network; offline (CI), scripts/vscode/run-integration-tests.mjs
// runs these files in the VS Code server build instead (see ../shared/docs/real-vscode-offline.md).
import { defineConfig } from '@vscode/test-cli';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.dirname(fileURLToPath(import.meta.url));
const timeZone = process.env.ELEVENLABS_USAGE_TEST_TZ || 'Asia/Kolkata';
// An empty folder to open (.vscode-test/ is ignored by git and holds test-electron's downloads too).
const workspaceFolder = path.join(repoRoot, '.vscode-test', 'workspace');
fs.mkdirSync(path.join(workspaceFolder, '.vscode'), { recursive: true });
// Present from the start, as in run-integration-tests.mjs: the workspace-settings test edits it in place.
fs.writeFileSync(path.join(workspaceFolder, '.vscode', 'settings.json'), '{}\n');

export default defineConfig({
  label: 'integration',
  files: 'out/test/integration/**/*.test.js',
  version: process.env.VSCODE_TEST_VERSION || 'stable',
  extensionDevelopmentPath: repoRoot,
  workspaceFolder,
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  env: {
    TZ: timeZone,
    ELEVENLABS_USAGE_TEST_TZ: timeZone,
    ELEVENLABS_USAGE_REPO_ROOT: repoRoot,
  },
  mocha: {
    ui: 'bdd',
    color: false,
    timeout: 30_000,
  },
});
