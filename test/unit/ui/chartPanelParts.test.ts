// The chart panel's pure parts: the query runner (its races against the real fake API over HTTP), the page
// channel (what a page that (re)loads is told) and the exports (through a scripted App).
import * as assert from 'node:assert/strict';
import { ElevenLabsClient } from '../../../src/api/client';
import { ElevenLabsError } from '../../../src/api/errors';
import type { HostMessage } from '../../../src/page/protocol';
import type { App, SaveDialogOptions, SaveTarget } from '../../../src/ui/app';
import { ChartLayout } from '../../../src/ui/panel/chartLayout';
import { PageChannel } from '../../../src/ui/panel/pageChannel';
import { exportData, exportFileName, exportImage } from '../../../src/ui/panel/panelExports';
import { PanelQueryRunner, type PanelQueryRunnerDeps } from '../../../src/ui/panel/panelQueryRunner';
import { fetchChartData } from '../../../src/usage/query/chartQuery';
import type { ChartData } from '../../../src/usage/chartData';
import type { PanelQuery } from '../../../src/usage/query/panelQuery';
import { startFakeApi, type FakeApi } from '../../fake-api/server';
import { makeChartData, twoDaysOfCredits } from '../helpers/chartData';

const NOW = Date.UTC(2026, 10, 24, 9);
const WEEK: PanelQuery = { preset: 'last7Days', startUnix: 0, endUnix: 0, aggregationInterval: 'day', breakdownType: 'none', metric: 'credits', includeWorkspaceMetrics: false };

describe('chart panel: the query runner', function () {
  this.timeout(20_000);
  let api: FakeApi;
  before(async () => {
    api = await startFakeApi({ now: () => NOW });
  });
  after(() => api.close());
  afterEach(() => api.clearFaults());

  function setup(overrides: Partial<PanelQueryRunnerDeps> = {}) {
    const posted: HostMessage[] = [];
    const warnings: string[] = [];
    const client = new ElevenLabsClient({ baseUrl: api.url, apiKey: api.validKey, retry: { maxRetries: 0 } });
    const layout = new ChartLayout();
    const runner = new PanelQueryRunner(
      {
        fetchChart: (query, nowMs, timeZone, signal) => fetchChartData(client, query, nowMs, timeZone, signal),
        drawChart: (data, query) => layout.draw(data, query),
        layoutKey: (data, query) => layout.layoutKey(data, query),
        timeZone: () => 'Asia/Kolkata',
        utcBucketsByDefault: () => false,
        now: () => NOW,
        post: (message) => posted.push(message),
        warn: (message) => warnings.push(message),
        ...overrides,
      },
      WEEK,
    );
    return { runner, posted, warnings, kinds: () => posted.map((m) => (m.type === 'error' ? `error: ${m.message}` : m.type)) };
  }

  it('posts loading, then the shaped result, with the preset resolved in the user\u2019s zone', async () => {
    const { runner, posted, kinds } = setup();
    await runner.start(WEEK).done;
    assert.deepEqual(kinds(), ['loading', 'show']);
    const show = posted[1]!;
    assert.ok(show.type === 'show');
    assert.equal(show.query.startUnix, Date.UTC(2026, 10, 17, 18, 30), 'midnight six days ago in Kolkata');
    assert.equal(show.data.timeZone, 'Asia/Kolkata');
    assert.equal(runner.shown?.data, show.data);
  });

  it('lets a newer query replace one under way: the old one posts nothing more', async () => {
    const { runner, kinds } = setup();
    api.setFaults({ latencyMs: 300 });
    const first = runner.start(WEEK);
    const second = runner.start({ ...WEEK, metric: 'tts_characters' });
    await Promise.all([first.done, second.done]);
    assert.deepEqual(kinds(), ['loading', 'loading', 'show']);
    assert.equal(runner.shown?.data.metric, 'tts_characters');
    assert.equal(runner.query.metric, 'tts_characters');
  });

  it('says a cancelled query was cancelled, keeps the last good result, and cancels only its own run', async () => {
    const { runner, kinds } = setup();
    await runner.start(WEEK).done;
    const good = runner.shown;
    api.setFaults({ latencyMs: 300 });
    const run = runner.start({ ...WEEK, metric: 'tts_characters' });
    run.cancel();
    await run.done;
    assert.deepEqual(kinds().slice(2), ['loading', 'error: The query was cancelled.']);
    assert.equal(runner.shown, good, 'the last good result stays');
    // Cancelling a run after a newer one replaced it leaves the newer one alone.
    const old = runner.start(WEEK);
    const newer = runner.start({ ...WEEK, metric: 'request_count' });
    old.cancel();
    await Promise.all([old.done, newer.done]);
    assert.deepEqual(kinds().slice(4), ['loading', 'loading', 'show']);
    assert.equal(runner.shown?.data.metric, 'request_count');
  });

  it('keeps the last good result when a query fails, says why, and offers a retry unless retrying cannot help', async () => {
    const { runner, posted, warnings } = setup();
    await runner.start(WEEK).done;
    const good = runner.shown;
    api.setFaults({ serverError: 1 });
    await runner.start(WEEK).done;
    const error = posted.at(-1)!;
    assert.ok(error.type === 'error' && /server error \(HTTP 500\)/.test(error.message) && error.canRetry);
    assert.equal(runner.shown, good);
    assert.equal(warnings.length, 1);
    await runner.start({ ...WEEK, preset: undefined, startUnix: Date.UTC(2025, 0, 1), endUnix: Date.UTC(2026, 0, 1), aggregationInterval: undefined, aggregationBucketSize: 60 }).done;
    const refused = posted.at(-1)!;
    assert.ok(refused.type === 'error' && /about 525,601 buckets/.test(refused.message) && !refused.canRetry, JSON.stringify(refused));
  });

  it('reports a failure that is not the API\u2019s in words of its own', async () => {
    const { runner, posted } = setup({ fetchChart: () => Promise.reject(new TypeError('x is undefined')) });
    await runner.start(WEEK).done;
    assert.deepEqual(posted.at(-1), { type: 'error', query: runner.query, message: 'The query failed unexpectedly.', canRetry: true });
    const { runner: noKey, posted: noKeyPosted } = setup({ fetchChart: () => Promise.reject(new ElevenLabsError('needsAuthorization', 'No ElevenLabs API key is stored.')) });
    await noKey.start(WEEK).done;
    assert.equal((noKeyPosted.at(-1) as { message: string }).message, 'No ElevenLabs API key is stored.');
  });
});

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;


describe('chart panel: the chart layout', () => {
  it('reports a chart it could not compile to the log as well as to the page', async () => {
    const warnings: string[] = [];
    const layout = new ChartLayout(undefined, (message) => warnings.push(message));
    const data: ChartData = { ...twoDaysOfCredits([{ name: 'A', values: [1, 2], total: 3 }]), time: [Number.NaN, DAY_MS] };
    const drawing = await layout.draw(data, WEEK);
    assert.ok('chartError' in drawing, 'the page is told the chart could not be drawn');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, new RegExp(`Could not compile the usage chart: .*${drawing.chartError}`));
  });
});

describe('chart panel: a page resized during a compile', () => {
  // Twelve series with long names: the legend's columns depend on the page's width.
  const data = twoDaysOfCredits(Array.from({ length: 12 }, (_, i) => ({ name: `A voice with a long name, number ${i + 1}`, values: [i, i + 1], total: 2 * i + 1 })));
  const byVoice: PanelQuery = { ...WEEK, breakdownType: 'voice' };

  it('gets the chart laid out for the width the page reported last', async () => {
    const layout = new ChartLayout({ width: 1600, fontSize: 13 });
    const wideKey = layout.layoutKey(data, byVoice);
    const drawing = layout.draw(data, byVoice);
    layout.setView({ width: 420, fontSize: 13 });
    const narrowKey = layout.layoutKey(data, byVoice);
    assert.notEqual(narrowKey, wideKey, 'the narrow page lays the legend out otherwise');
    const drawn = await drawing;
    assert.ok('chart' in drawn);
    assert.equal(drawn.layoutKey, narrowKey);
  });

  it('keeps the chart when the new width lays it out the same', async () => {
    const layout = new ChartLayout({ width: 1600, fontSize: 13 });
    const drawing = layout.draw(data, byVoice);
    layout.setView({ width: 1601, fontSize: 13 });
    const drawn = await drawing;
    assert.equal(drawn.layoutKey, layout.layoutKey(data, byVoice));
  });
});

describe('chart panel: the page channel', () => {
  const show = (metric: string): HostMessage => ({ type: 'show', query: { ...WEEK, metric }, data: { metric } as never, fetchedAtMs: NOW });
  const shownOf = (message: HostMessage) => (message.type === 'show' ? { query: message.query, data: message.data, fetchedAtMs: message.fetchedAtMs } : undefined);

  it('holds messages until the page is ready, then tells it the last result, the newest state and missed notices', () => {
    const delivered: HostMessage[] = [];
    const result = show('credits');
    const channel = new PageChannel((m) => delivered.push(m), () => shownOf(result));
    channel.post(result);
    channel.post({ type: 'loading', query: WEEK, timeZone: 'UTC' });
    channel.post({ type: 'exportDone', message: 'Saved a.csv.' });
    assert.equal(delivered.length, 0, 'nothing before ready');
    channel.pageReady();
    assert.deepEqual(delivered.map((m) => m.type), ['show', 'loading', 'exportDone']);
    channel.post({ type: 'error', query: WEEK, message: 'offline', canRetry: true });
    assert.equal(delivered.length, 4, 'straight through while the page is up');
    assert.equal(delivered[3]!.type, 'error');
  });

  it('replays everything on every ready, also one the panel was not told to expect (a reloaded webview)', () => {
    const delivered: HostMessage[] = [];
    const result = show('credits');
    const channel = new PageChannel((m) => delivered.push(m), () => shownOf(result));
    channel.pageReady();
    channel.post(result);
    delivered.length = 0;
    channel.pageReady();
    assert.deepEqual(delivered, [result], 'the result once, not twice');
    channel.pageGone();
    channel.post({ type: 'exportDone', message: 'Saved b.png.' });
    assert.equal(delivered.length, 1, 'held while gone');
    channel.pageReady();
    assert.deepEqual(delivered.slice(1).map((m) => m.type), ['show', 'exportDone']);
  });
});

describe('chart panel: exports', () => {
  function scriptedApp(answer: SaveTarget | undefined, writeError?: Error) {
    const dialogs: SaveDialogOptions[] = [];
    const written: Array<{ path: string; text: string }> = [];
    const messages: string[] = [];
    const app: App = {
      showMessage: async (kind, message) => void messages.push(`${kind}: ${message}`),
      askModal: async () => undefined,
      showInputBox: async () => undefined,
      withProgress: (_title, task) => task(new AbortController().signal, () => undefined),
      showSaveDialog: async (options) => {
        dialogs.push(options);
        return answer;
      },
      writeFile: async (target, bytes) => {
        if (writeError) {
          throw writeError;
        }
        written.push({ path: target.displayPath, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) });
      },
      executeCommand: async () => undefined,
    };
    return { app, dialogs, written, messages };
  }

  // One local day in Kolkata from 00:00 IST (18:30 UTC), cut short at 05:30 IST: 42 credits.
  const data: ChartData = {
    ...makeChartData({ buckets: 1, names: ['All'], start: Date.UTC(2026, 10, 23, 18, 30), step: 5.5 * HOUR_MS, value: () => 42, timeZone: 'Asia/Kolkata', description: { kind: 'local', unit: 'day' }, partial: ['end'] }),
    endUnix: Date.UTC(2026, 10, 24, 6),
  };
  const shown = { query: WEEK, data, fetchedAtMs: NOW };

  it('proposes a name for what is on screen and writes the file the user picked', async () => {
    const { app, dialogs, written } = scriptedApp({ handle: 'uri', displayPath: 'usage.csv' });
    const saved: string[] = [];
    await exportData({ app, shown: () => shown, saved: (m) => saved.push(m) }, 'csv');
    assert.equal(dialogs[0]!.defaultFileName, 'elevenlabs-usage-credits-2026-11-24-to-2026-11-24.csv', 'dates in Kolkata');
    assert.deepEqual(dialogs[0]!.filters, { CSV: ['csv'] });
    assert.match(written[0]!.text, /^\ufeffstart \(Asia\/Kolkata\),end \(Asia\/Kolkata\),start_unix_ms,end_unix_ms,bucket,All,Total\r\n2026-11-24T00:00:00\.000\+05:30,/);
    assert.deepEqual(saved, ['Saved usage.csv.']);
    assert.equal(exportFileName(shown, 'png'), 'elevenlabs-usage-credits-2026-11-24-to-2026-11-24.png');
  });

  it('writes nothing when the dialog is cancelled, says so when there is no data, and shows a write error without links', async () => {
    const cancelled = scriptedApp(undefined);
    await exportData({ app: cancelled.app, shown: () => shown, saved: () => assert.fail('not saved') }, 'json');
    assert.deepEqual(cancelled.written, []);
    const empty = scriptedApp({ handle: 'uri', displayPath: 'x.svg' });
    await exportImage({ app: empty.app, shown: () => undefined, saved: () => assert.fail('not saved') }, 'svg', '<svg/>');
    assert.deepEqual(empty.messages, ['info: There is no data to export yet: run a query first.']);
    const failing = scriptedApp({ handle: 'uri', displayPath: 'x.json' }, new Error('EACCES: see [here](command:evil)'));
    await exportData({ app: failing.app, shown: () => shown, saved: () => assert.fail('not saved') }, 'json');
    assert.deepEqual(failing.messages, ['error: Could not save the export: EACCES: see [here] (command:evil)']);
  });
});
