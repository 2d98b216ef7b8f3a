// End-to-end, first in the installed suite: a profile of the single-key version upgraded to ours. The server starts
// with that version (olderVersion.mjs: the last commit before accounts, packaged from this repository's history);
// a key is typed into its palette as its users did; then ours is installed over it from the palette's Install from
// VSIX, as an update, and the window reloaded from the notification. Ours must show the same figure from the same host with the same key without a
// question: the key is the first account ("Default"), the only one, and the item reads as it did. The key is then
// removed, so that installed.e2e.mjs starts from a profile without one.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { INSTALLED_API_HOST, REPO_ROOT, RESULTS_DIR, shared } from './harness.mjs';
import { OLDER_VERSION } from './olderVersion.mjs';
import { normalizeSpaces } from './localTime.mjs';
import { inputBoxTitled, openNotificationCenter, quickInput, quickPickShown, runCommand, statusItem, waitUntil } from './ui.mjs';

const TODAY_LABEL = /^ElevenLabs: [\d,]+ characters today$/;

describe('a profile of the single-key version, upgraded to the installed .vsix (e2e)', function () {
  this.timeout(120_000);
  let env;
  let page;
  const version = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version;
  const installedVersions = () =>
    fs
      .readdirSync(path.join(env.server.tempDir, 'extensions'))
      .filter((name) => name.startsWith('elevenlabs-usage.'))
      .map((name) => name.slice(name.lastIndexOf('-') + 1));

  before(async function () {
    this.timeout(180_000);
    env = shared.env;
    assert.ok(env?.vsix, 'the runner did not start the installed environment');
    page = env.page;
    await page.goto(env.url, { waitUntil: 'domcontentloaded' });
    await page.locator('#workbench\\.parts\\.statusbar').waitFor({ state: 'visible', timeout: 120_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      const name = this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      await page.screenshot({ path: path.join(RESULTS_DIR, `failed-upgrade-${name}.png`), timeout: 10_000 }).catch(() => {});
    }
  });

  it('stores a key through the single-key version, which shows today\u2019s characters and has no accounts', async () => {
    assert.deepEqual(installedVersions(), [OLDER_VERSION]);
    const item = statusItem(page);
    await item.getByText('ElevenLabs: set key').waitFor({ state: 'visible', timeout: 90_000 });
    await runCommand(page, 'ElevenLabs: Set API Key');
    const input = await inputBoxTitled(page, 'ElevenLabs: Set API Key');
    await input.fill(env.fake.DEMO_KEY);
    await page.keyboard.press('Enter');
    await waitUntil('the single-key version\u2019s figure', async () => TODAY_LABEL.test((await item.getAttribute('aria-label')) ?? ''), 60_000);
    // That version has no accounts: the palette lists its commands, and Add Account is not one of them.
    await page.keyboard.press('F1');
    await quickInput(page).fill('>ElevenLabs: ');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'ElevenLabs: Set API Key' }).first().waitFor({ state: 'visible' });
    const commands = (await page.locator('.quick-input-widget .monaco-list-row .label-name').allInnerTexts()).map(normalizeSpaces);
    await page.keyboard.press('Escape');
    assert.ok(commands.includes('ElevenLabs: Set API Key') && !commands.some((c) => /Account$/.test(c)), commands.join(' | '));
  });

  it('upgrades without a question: the same key at the same host, the item as before, Default the one account', async () => {
    // The update as a person makes it in a browser window: Install from VSIX (the path typed into VS Code's own
    // file dialog), then the notification's Reload Now.
    const asked = env.api.requests.length;
    await runCommand(page, 'Extensions: Install from VSIX...');
    const input = quickInput(page);
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Install from VSIX' }).waitFor({ state: 'visible' });
    // The dialog fills in its starting folder once it has read it (a path typed before that is replaced): typed
    // again until it stays.
    await waitUntil('the path typed into the file dialog', async () => {
      await input.fill(env.vsix);
      await new Promise((resolve) => setTimeout(resolve, 500));
      return (await input.inputValue()) === env.vsix;
    });
    await page.locator('.quick-input-widget').getByRole('button', { name: 'Install' }).click();
    const reload = page.locator('.notification-toast').getByRole('button', { name: 'Reload Now' });
    await reload.waitFor({ state: 'visible', timeout: 60_000 });
    await Promise.all([page.waitForEvent('load', { timeout: 60_000 }), reload.click()]);
    await page.locator('#workbench\\.parts\\.statusbar').waitFor({ state: 'visible', timeout: 120_000 });
    const item = statusItem(page);
    let label;
    await waitUntil(
      'our version\u2019s figure, asked after the reload',
      async () => {
        label = await item.getAttribute('aria-label').catch(() => undefined);
        return env.api.requests.length > asked && TODAY_LABEL.test(label ?? '');
      },
      90_000,
    ).catch((error) => {
      throw new Error(`${error.message}: the item reads ${JSON.stringify(label)}; ${env.api.requests.length - asked} requests since the reload`);
    });
    assert.ok(installedVersions().includes(version), `ours installed: ${installedVersions().join(', ')}`);
    assert.ok(env.api.requests.slice(asked).every((r) => r.hasKey), 'the key stored by the older version went with every request');
    const hosts = [...new Set(env.proxy.seen.map((s) => s.target))].filter((h) => /elevenlabs/i.test(h));
    assert.deepEqual(hosts, [`${INSTALLED_API_HOST}:443`], 'the host in the User settings, as before');

    // Nothing asked: no prompt open, no notification of ours.
    assert.equal(await quickInput(page).isVisible(), false, 'no prompt is open');
    const center = await openNotificationCenter(page);
    const ours = (await center.locator('.notification-list-item').allInnerTexts()).filter((text) => /ElevenLabs|account|API key/i.test(text));
    assert.deepEqual(ours, [], 'no notification of ours');
    await runCommand(page, 'Notifications: Hide Notifications');

    // The item reads as with one key: no account named; the accounts are one, Default.
    await item.hover();
    const hover = page.locator('.monaco-hover.workbench-hover', { hasText: 'Today (' });
    await hover.waitFor({ state: 'visible' });
    assert.doesNotMatch(normalizeSpaces(await hover.innerText()), /Account:|Other accounts/);
    await page.mouse.move(400, 300);
    await runCommand(page, 'ElevenLabs: Switch Account');
    const { rows } = await quickPickShown(page, 'Which account should the status bar and new charts show?');
    assert.equal(rows.length, 1, rows.join(' | '));
    assert.match(rows[0], new RegExp(`^Default.*${INSTALLED_API_HOST.replace(/\./g, '\\.')}`), 'Default, at the host of the User settings');
    await page.keyboard.press('Escape');

    // installed.e2e.mjs starts from a profile without a key.
    await runCommand(page, 'ElevenLabs: Remove API Key');
    await page.locator('.monaco-dialog-box').getByRole('button', { name: 'Remove Key' }).click();
    await item.getByText('ElevenLabs: set key').waitFor({ state: 'visible', timeout: 60_000 });
  });
});
