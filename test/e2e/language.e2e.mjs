// End-to-end: the extension in a real VS Code whose display language is each one it ships (German, Japanese, French,
// Spanish, Simplified Chinese, Brazilian Portuguese). VS Code loads our
// l10n/bundle.l10n.<id>.json and package.nls.<id>.json itself (the server started with --locale and a minimal
// language pack, languagePack.mjs); the test only reads the same files to know the words to expect, and makes
// every expected number and date with Intl here, in that language. The browser stays en-US: the chart page must
// take VS Code's language, not the browser's. Pictures in test-results/e2e/language/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { localizedManifest } from '../../scripts/manifestNls.mjs';
import { REPO_ROOT, RESULTS_DIR, startEnvironment } from './harness.mjs';
import { localClock, localDayName, localMidnight, normalizeSpaces } from './localTime.mjs';
import { patternOf, wordsOf } from './translations.mjs';
import { closeSideBars, escapeRegExp, notificationWith, pickItem, quickPickShown, readTable, runCommand, statusItem, waitUntil, webview } from './ui.mjs';

const ZONE = 'Asia/Kathmandu'; // UTC+05:45: a day that begins at 18:15 UTC
const PICTURES = path.join(RESULTS_DIR, 'language');
// An earlier run's pictures (a failure's among them) would pass for this run's.
fs.rmSync(PICTURES, { recursive: true, force: true });

/** A time of day with minutes, maybe seconds, and an AM/PM where a language writes one. */
const CLOCK = '\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s?[AP]M)?';

// Every language the extension ships: German and Japanese as the issue asked, and the others so that no bundle
// goes untried in a real workbench (a key the workbench does not find falls back to English silently).
for (const { locale, intl } of [
  { locale: 'de', intl: 'de' },
  { locale: 'ja', intl: 'ja' },
  { locale: 'fr', intl: 'fr' },
  { locale: 'es', intl: 'es' },
  { locale: 'zh-cn', intl: 'zh-CN' },
  { locale: 'pt-br', intl: 'pt-BR' },
]) {
  describe(`in a VS Code whose display language is ${locale}`, function () {
    this.timeout(180_000);
    const t = wordsOf(locale);
    const manifest = localizedManifest(REPO_ROOT, locale);
    const title = (command) => `ElevenLabs: ${manifest.contributes.commands.find((c) => c.command === command).title}`;
    const number = (value) => normalizeSpaces(new Intl.NumberFormat(intl).format(value));
    let env;
    let page;

    before(async function () {
      this.timeout(240_000);
      fs.mkdirSync(PICTURES, { recursive: true });
      env = await startEnvironment({ timeZone: ZONE, locale, demoKey: true, viewport: { width: 1280, height: 800 } });
      page = env.page;
      // 91% used: the 90% alert comes with the first quota, a notification in this language.
      env.api.setSubscription({ usedFraction: 0.91 });
      await page.goto(env.url, { waitUntil: 'domcontentloaded' });
      await page.locator('#workbench\\.parts\\.statusbar').waitFor({ state: 'visible', timeout: 120_000 });
      await closeSideBars(page);
    });

    after(async () => {
      await env?.stop();
    });

    afterEach(async function () {
      if (this.currentTest?.state === 'failed' && page) {
        await page.screenshot({ path: path.join(PICTURES, `failed-${locale}-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 50)}.png`) }).catch(() => {});
      }
    });

    it('reads the status bar, its tooltip and the quota alert in that language, with its numbers and times', async () => {
      const item = statusItem(page);
      const label = await waitUntil('the status bar to show today\u2019s characters in this language', async () => {
        const text = await item.getAttribute('aria-label');
        return text && patternOf(t, 'ElevenLabs: {0} characters today').test(text) ? text : undefined;
      }, 90_000);
      // The figure is the fake's: its callers' characters from local midnight to the end the request asked.
      const request = env.api.requests.filter((r) => r.path === '/v1/usage/character-stats' && r.hasKey && r.query.aggregation_interval === 'cumulative' && r.query.metric === 'tts_characters').at(-1);
      assert.ok(request, 'the status bar asked for today\u2019s characters');
      const endUnix = Number(request.query.end_unix);
      assert.equal(Number(request.query.start_unix), localMidnight(endUnix, ZONE), `today begins at midnight in ${ZONE}`);
      const today = env.fake.eventsBetween(localMidnight(endUnix, ZONE), endUnix, { now: request.atMs }).filter((e) => e.byCaller).reduce((sum, e) => sum + e.metrics.tts_characters, 0);
      assert.equal(normalizeSpaces(label), normalizeSpaces(t('ElevenLabs: {0} characters today', number(today))));

      const percent = normalizeSpaces(new Intl.NumberFormat(intl, { style: 'percent' }).format(0.9));
      const alert = await notificationWith(page, t('ElevenLabs quota {0} used: {1} of {2} credits', percent, number(91_000), number(100_000)));
      assert.match(normalizeSpaces(await alert.innerText()), new RegExp(escapeRegExp(t('Show Usage'))));
      await page.screenshot({ path: path.join(PICTURES, `${locale}-notification.png`) });
      await page.keyboard.press('Escape');

      await item.hover();
      const hover = page.locator('.monaco-hover.workbench-hover', { hasText: t('Today ({0})', ZONE) });
      await hover.waitFor({ state: 'visible' });
      const tooltip = normalizeSpaces(await hover.innerText());
      const updated = patternOf(t, 'Updated {0}', CLOCK).exec(tooltip)?.[1];
      assert.ok(updated, `the tooltip says when it was updated: ${tooltip}`);
      // The minute of some request of the last minutes, as Intl writes it in this language (24-hour here).
      const minutes = new Set(env.api.requests.map((r) => localClock(r.atMs, ZONE, intl)));
      assert.ok([...minutes].some((clock) => updated.startsWith(clock)), `"${updated}" is a time of this session in ${locale}: ${[...minutes].join(', ')}`);
      assert.doesNotMatch(updated, /AM|PM/);
      assert.ok(tooltip.includes(number(today)), `the tooltip's characters in ${locale}'s digits: ${tooltip}`);
      await page.screenshot({ path: path.join(PICTURES, `${locale}-status-tooltip.png`) });
      await page.mouse.move(640, 300);
    });

    it('asks in the picker and shows the chart panel in that language: toolbar, table, days and axis', async () => {
      await runCommand(page, title('elevenlabsUsage.showUsage'));
      const windows = await quickPickShown(page, t('Which time window? ({0})', ZONE));
      assert.ok(windows.rows.some((row) => row.startsWith(t('Last 7 days'))), `the windows in ${locale}: ${windows.rows.join(' | ')}`);
      await page.screenshot({ path: path.join(PICTURES, `${locale}-picker.png`) });
      await pickItem(page, t('Which time window? ({0})', ZONE), t('Last 7 days'));
      await pickItem(page, t('How should usage be grouped over time?'), t('Daily'));
      await pickItem(page, t('Which figures?'), t('Character stats'));
      await pickItem(page, t('Break usage down by\u2026'), t('Voice'));
      await pickItem(page, t('Which metric?'), t('TTS characters'));
      await pickItem(page, t('Whose usage?'), t('Only my usage'));

      const frame = webview(page);
      await frame.locator('#status[data-kind="ok"]').waitFor({ state: 'attached', timeout: 60_000 });
      await frame.locator('#chart.vega-embed').locator('svg, canvas').first().waitFor({ state: 'visible' });
      assert.equal((await frame.locator('html').getAttribute('lang'))?.toLowerCase(), locale);
      assert.equal(normalizeSpaces(await frame.locator('label[for="preset"]').innerText()), t('Window'));
      const statusLine = normalizeSpaces(await frame.locator('#statusText').innerText());
      const updated = patternOf(t, 'Updated {0}', CLOCK).exec(statusLine)?.[1];
      assert.match(updated ?? '', /^\d{1,2}:\d{2}:\d{2}$/, `the page writes when it was updated on this language's clock, no AM/PM: ${statusLine}`);

      const table = await readTable(frame);
      assert.equal(normalizeSpaces(table.caption), normalizeSpaces(t('{0}, per day in {1}', t('TTS characters'), ZONE)));
      assert.equal(normalizeSpaces(table.head[0][0]), normalizeSpaces(t('Day ({0})', ZONE)));
      const request = env.api.requests.filter((r) => r.path === '/v1/usage/character-stats' && r.query.breakdown_type === 'voice').at(-1);
      const endUnix = Number(request.query.end_unix);
      const days = [0, 1, 2, 3, 4, 5, 6].map((i) => localMidnight(endUnix, ZONE, i - 6));
      // Each row's day as Intl names it in this language (the browser is en-US: English here would be a bug).
      table.body.forEach((row, i) => {
        const day = localDayName(days[i], ZONE, intl);
        const expected = i === 6 ? t('{0}, until {1}', day, localClock(endUnix + 1, ZONE, intl)) : day;
        assert.equal(normalizeSpaces(row[0]), normalizeSpaces(expected), `row ${i}`);
      });
      // The axis names the days as the language does (German "7. Dez.", Japanese "12月7日").
      const axis = (await frame.locator('#chart svg text').allTextContents()).map(normalizeSpaces).join(' | ');
      const axisDay = normalizeSpaces(new Intl.DateTimeFormat(intl, { month: 'short', day: 'numeric', timeZone: ZONE }).format(days[3]));
      assert.ok(axis.includes(axisDay), `the axis has ${axisDay}: ${axis}`);
      // Vega's own value axis groups thousands as the language does (German 1.000, not 1,000; Spanish 4000 but 12.000).
      const ticks = axis.split(' | ').filter((text) => /^\d[\d.,\s]*$/.test(text) && Number(text.replace(/\D/g, '')) >= 1000);
      assert.ok(ticks.length > 0, `value ticks of a thousand or more: ${axis}`);
      for (const text of ticks) assert.equal(text, number(Number(text.replace(/\D/g, ''))), `the tick ${text}`);
      await page.screenshot({ path: path.join(PICTURES, `${locale}-panel.png`) });
    });
  });
}
