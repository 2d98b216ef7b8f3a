// End-to-end: the packaged .vsix, installed as a user installs it (production mode), in a VS Code whose display
// language is German, then Japanese. The translations must travel in the package (.vscodeignore re-includes
// l10n/ and package.nls.*.json) and be found there by VS Code itself: a bundle left out would fall back to English
// without a word. The command is run by its translated title (package.nls.<id>.json), the key typed as a user
// types it, and the status bar read in that language with Intl's figure of the fake's own events. Its own server
// beside the installed suite's (a language is a start option), in the installed suite's three zones.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { localizedManifest } from '../../scripts/manifestNls.mjs';
import { INSTALLED_ZONES, REPO_ROOT, RESULTS_DIR, startEnvironment } from './harness.mjs';
import { localMidnight, normalizeSpaces } from './localTime.mjs';
import { wordsOf } from './translations.mjs';
import { inputBoxTitled, runCommand, statusItem, waitUntil } from './ui.mjs';

const VSIX = path.join(REPO_ROOT, 'dist', 'elevenlabs-usage.vsix');
const PICTURES = path.join(RESULTS_DIR, 'installed-language');
fs.rmSync(PICTURES, { recursive: true, force: true });

for (const { locale, intl } of [
  { locale: 'de', intl: 'de' },
  { locale: 'ja', intl: 'ja' },
]) {
  describe(`the installed .vsix in a VS Code whose display language is ${locale}`, function () {
    this.timeout(180_000);
    const t = wordsOf(locale);
    const manifest = localizedManifest(REPO_ROOT, locale);
    const title = (command) => `ElevenLabs: ${manifest.contributes.commands.find((c) => c.command === command).title}`;
    let env;
    let page;

    before(async function () {
      this.timeout(240_000);
      fs.mkdirSync(PICTURES, { recursive: true });
      env = await startEnvironment({
        kind: 'installed',
        timeZone: INSTALLED_ZONES.host,
        browserTimeZone: INSTALLED_ZONES.browser,
        userTimeZone: INSTALLED_ZONES.user,
        vsix: VSIX,
        locale,
        viewport: { width: 1280, height: 800 },
      });
      page = env.page;
      await page.goto(env.url, { waitUntil: 'domcontentloaded' });
      await page.locator('#workbench\\.parts\\.statusbar').waitFor({ state: 'visible', timeout: 120_000 });
    });

    after(async () => {
      await env?.stop();
    });

    afterEach(async function () {
      if (this.currentTest?.state === 'failed' && page) {
        await page.screenshot({ path: path.join(PICTURES, `failed-${locale}.png`), timeout: 10_000 }).catch(() => {});
      }
    });

    it('speaks that language from the package: the item without a key, the command\u2019s title, today\u2019s characters', async () => {
      const item = statusItem(page);
      await item.getByText(t('$(key) ElevenLabs: set key').replace('$(key) ', '')).waitFor({ state: 'visible', timeout: 90_000 });
      await runCommand(page, title('elevenlabsUsage.setApiKey'));
      const input = await inputBoxTitled(page, t('ElevenLabs: Set API Key'));
      await input.fill(env.fake.DEMO_KEY);
      await page.keyboard.press('Enter');

      // The figure of the newest "today" request, from the fake's log, as Intl writes it in this language.
      const characters = (request) => {
        const end = Number(request.query.end_unix);
        return env.fake.eventsBetween(Number(request.query.start_unix), end, { now: request.atMs }).filter((e) => e.byCaller).reduce((sum, e) => sum + e.metrics.tts_characters, 0);
      };
      let expected;
      await waitUntil('the status bar to show today\u2019s characters in this language', async () => {
        const request = env.api.requests.filter((r) => r.path === '/v1/usage/character-stats' && r.hasKey && r.query.aggregation_interval === 'cumulative' && r.query.metric === 'tts_characters').at(-1);
        const text = await item.getAttribute('aria-label');
        if (!request || !text) return undefined;
        expected = { request, label: t('ElevenLabs: {0} characters today', new Intl.NumberFormat(intl).format(characters(request))) };
        return normalizeSpaces(text) === normalizeSpaces(expected.label);
      }, 60_000);
      const end = Number(expected.request.query.end_unix);
      assert.equal(Number(expected.request.query.start_unix), localMidnight(end, INSTALLED_ZONES.user), `today from midnight in ${INSTALLED_ZONES.user} (the User setting)`);
      await page.screenshot({ path: path.join(PICTURES, `${locale}-status.png`) });
    });
  });
}
