// Runs inside a real VS Code extension host (see suite/index.ts): the extension is there, activates, and
// everything package.json promises is really registered.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const REPO_ROOT = process.env.ELEVENLABS_USAGE_REPO_ROOT ?? path.resolve(__dirname, '..', '..', '..');

interface ContributedCommand {
  command: string;
  title: string;
  category?: string;
}

interface Manifest {
  name: string;
  publisher: string;
  main: string;
  contributes: { commands?: ContributedCommand[] };
}

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('activation', () => {
  let extension: vscode.Extension<unknown>;

  before(() => {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `extension ${EXTENSION_ID} is not installed in this VS Code`);
    extension = found;
  });

  it('is the extension under development, with the id elevenlabs-usage.elevenlabs-usage', () => {
    assert.equal(EXTENSION_ID, 'elevenlabs-usage.elevenlabs-usage');
    assert.equal(extension.id.toLowerCase(), EXTENSION_ID);
    assert.equal(fs.realpathSync(extension.extensionPath), fs.realpathSync(REPO_ROOT));
    const packageJSON = extension.packageJSON as Manifest;
    assert.equal(packageJSON.name, manifest.name);
    assert.equal(packageJSON.publisher, manifest.publisher);
    assert.ok(fs.existsSync(path.join(extension.extensionPath, packageJSON.main)), `${packageJSON.main} is not built`);
  });

  it('activates', async () => {
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('registers every command contributed in package.json', async () => {
    await extension.activate();
    const contributed = ((extension.packageJSON as Manifest).contributes.commands ?? []).map((c) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes no command');
    assert.deepEqual(contributed, (manifest.contributes.commands ?? []).map((c) => c.command));
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((command) => !registered.has(command));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('every contributed command has a title and the ElevenLabs category', () => {
    // As VS Code read the manifest: the "%key%" titles replaced by package.nls.json's words.
    const shown = new Map(((extension.packageJSON as Manifest).contributes.commands ?? []).map((c) => [c.command, c.title]));
    for (const command of manifest.contributes.commands ?? []) {
      const title = shown.get(command.command);
      assert.ok(title && title.trim().length > 0 && !/%/.test(title), `${command.command} shows ${JSON.stringify(title)}`);
      assert.equal(command.category, 'ElevenLabs', `${command.command} category`);
      assert.match(command.command, /^elevenlabsUsage\./, `${command.command} is outside the elevenlabsUsage. namespace`);
    }
  });

  it('runs in the time zone the runner asked for (so date bugs show)', () => {
    const wanted = process.env.ELEVENLABS_USAGE_TEST_TZ;
    // Both runners (run-integration-tests.mjs and .vscode-test.mjs) set it, with TZ for the extension host.
    assert.ok(wanted, 'the runner sets ELEVENLABS_USAGE_TEST_TZ');
    // Compare wall-clock renderings (ICU may name Asia/Kolkata "Asia/Calcutta"), in winter and in summer.
    for (const instant of [Date.UTC(2026, 0, 15, 12), Date.UTC(2026, 6, 15, 12)]) {
      const style: Intl.DateTimeFormatOptions = { dateStyle: 'full', timeStyle: 'long' };
      assert.equal(
        new Intl.DateTimeFormat('en-US', style).format(instant),
        new Intl.DateTimeFormat('en-US', { ...style, timeZone: wanted }).format(instant),
        `the extension host is not in ${wanted}`,
      );
    }
  });

  it('elevenlabsUsage.showLog opens the "ElevenLabs Usage" log in the output view', async function () {
    await extension.activate();
    // The output view opens the shown channel as a text document of the `output` scheme, named after the
    // extension and the channel: output:elevenlabs-usage.elevenlabs-usage.ElevenLabs%20Usage.log. The workbench
    // disposes of that document as soon as something else takes the panel, so the test listens for the opening
    // rather than only polling textDocuments afterwards.
    const isOurLog = (d: vscode.TextDocument) =>
      d.uri.scheme === 'output' && d.uri.path.toLowerCase().startsWith(EXTENSION_ID) && decodeURIComponent(d.uri.path).includes('ElevenLabs Usage');
    const opened: vscode.TextDocument[] = [];
    const listener = vscode.workspace.onDidOpenTextDocument((d) => {
      if (isOurLog(d)) opened.push(d);
    });
    const shown = () => opened[0] ?? vscode.workspace.textDocuments.find(isOurLog);
    try {
      await vscode.commands.executeCommand('elevenlabsUsage.showLog');
      // Skipped in the oldest release tested, for a reason outside the extension: VS Code 1.90's workbench does not
      // hand extensions the output view's documents (textDocuments stays empty after the command, seen in 1.90.2),
      // so nothing is left to observe from here. The command itself ran without error above; the current release
      // checks the shown channel.
      if (/^1\.90\./.test(vscode.version)) this.skip();
      // A window still laying itself out after start may drop the panel it was asked to reveal (seen about once in
      // ten runs: no panel at all, the Welcome page and Chat restored around it). A person would run the command
      // again, and so does the test, at most twice more; each time only our command can open our channel.
      for (let attempt = 1; !shown(); attempt++) {
        const found = await waitFor('the ElevenLabs Usage output channel to be shown', shown, 5_000).catch(() => undefined);
        if (found) break;
        if (attempt === 3) {
          const seen = vscode.workspace.textDocuments.map((d) => d.uri.toString()).join(', ');
          assert.fail(`the ElevenLabs Usage log was not shown after running the command ${attempt} times; open documents: ${seen}`);
        }
        console.log(`      (the log was not shown within 5 s of command ${attempt}: running it again)`);
        await vscode.commands.executeCommand('elevenlabsUsage.showLog');
      }
    } finally {
      listener.dispose();
    }
  });
});
