// The key is never written anywhere but secret storage: after a session that sets it, refreshes, fails a
// refresh, checks the key and queries a chart, its text is in no setting, no file the VS Code server wrote
// (logs, the output channel's included; state), no message shown to the user and no state the extension shows.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startFakeApi, type FakeApi } from '../fake-api/server';
import { answerPrompt, extensionApi, removeKeyThroughCommand, setKeyThroughCommand, waitFor } from './helpers';

function filesUnder(dir: string, found: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) filesUnder(full, found);
    else if (entry.isFile()) found.push(full);
  }
  return found;
}

/**
 * Everything the VS Code server may write: the test runner gives each server one temporary folder holding its
 * HOME, user data, server data and extensions. Elsewhere, the user data folder (the extension's log folder is
 * <user data>/logs/<session>/exthostN/<extension>).
 */
function serverFolders(logFolder: vscode.Uri): string {
  const home = process.env.HOME ?? '';
  if (/^elevenlabs-usage-vscode-/.test(path.basename(path.dirname(home)))) {
    return path.dirname(home);
  }
  let dir = logFolder.fsPath;
  while (path.basename(dir) !== 'logs' && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.dirname(dir);
}

describe('the API key never leaks', function () {
  this.timeout(90_000);
  const key = `sk_leakcheck_${randomBytes(20).toString('hex')}`;
  let api: FakeApi;
  const shown: string[] = [];
  const restore: Array<() => void> = [];

  before(async () => {
    api = await startFakeApi({ validKey: key });
    await vscode.workspace.getConfiguration('elevenlabsUsage').update('apiBaseUrl', api.url, vscode.ConfigurationTarget.Global);
    for (const name of ['showInformationMessage', 'showWarningMessage', 'showErrorMessage'] as const) {
      const prompt = answerPrompt(name, (async (message: string) => {
        shown.push(message);
        return undefined;
      }) as never);
      restore.push(prompt.restore);
    }
  });
  after(async () => {
    restore.forEach((r) => r());
    await removeKeyThroughCommand();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('elevenlabsUsage').update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
    await api.close();
  });

  it('appears in no setting, file, message or view after a full session', async () => {
    const usage = await extensionApi();
    assert.equal(await setKeyThroughCommand(key), 'stored');
    await waitFor('current figures', () => usage.statusBar.state.kind === 'current');
    api.setFaults({ htmlPage: 10 });
    await vscode.commands.executeCommand('elevenlabsUsage.refresh');
    assert.equal(usage.statusBar.state.kind, 'stale');
    api.clearFaults();
    await vscode.commands.executeCommand('elevenlabsUsage.checkApiKey');
    await vscode.commands.executeCommand('elevenlabsUsage.showUsage', { preset: 'last7Days', breakdownType: 'voice' });
    await waitFor('chart data', () => usage.chartPanel.state?.data);
    await vscode.commands.executeCommand('elevenlabsUsage.showLog');

    const settings = JSON.stringify(vscode.workspace.getConfiguration('elevenlabsUsage').inspect('apiBaseUrl')) + JSON.stringify(vscode.workspace.getConfiguration('elevenlabsUsage'));
    assert.ok(!settings.includes(key), 'in settings');
    assert.ok(shown.length >= 2, `messages were shown: ${shown.join(' | ')}`);
    for (const message of shown) assert.ok(!message.includes(key), `in a message: ${message}`);
    assert.ok(!JSON.stringify(usage.statusBar.state).includes(key) && !JSON.stringify(usage.statusBar.view).includes(key), 'in the status bar');
    assert.ok(!JSON.stringify(usage.chartPanel.state).includes(key), 'in the chart panel');

    // The log channels reach their files a moment later (later on a loaded machine): wait until the extension's
    // own log holds what it logged, then read every file VS Code's server wrote.
    const ownLogFile = () => filesUnder(serverFolders(usage.logFolder)).find((file) => /ElevenLabs Usage\.log$/.test(file));
    await waitFor('the output channel\u2019s log file with the key check in it', () => {
      const ownLog = ownLogFile();
      return ownLog !== undefined && /API key checked and stored/.test(fs.readFileSync(ownLog, 'utf8'));
    });
    const files = filesUnder(serverFolders(usage.logFolder));
    assert.ok(files.includes(ownLogFile()!), `the output channel's log file is among the ${files.length} files read`);
    for (const file of files) {
      assert.ok(!fs.readFileSync(file).includes(key), `the key is in ${file}`);
    }
  });
});
