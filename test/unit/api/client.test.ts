import * as assert from 'node:assert/strict';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { ElevenLabsClient, MAX_BODY_BYTES, type ClientOptions } from '../../../src/api/client';
import { ElevenLabsError } from '../../../src/api/errors';
import { grandTotal } from '../../../src/usage/totals';
import { eventsBetween } from '../../fake-api/events';
import { startFakeApi, type FakeApi } from '../../fake-api/server';

const DAY = 86_400_000;
const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 20 };

async function failure(promise: Promise<unknown>): Promise<ElevenLabsError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ElevenLabsError, `escaped: ${String(error)}`);
    return error;
  }
  assert.fail('succeeded');
}

/** A port nothing listens on: bind one, then close it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('ElevenLabs client against the fake API', () => {
  let api: FakeApi;
  const now = Date.now();
  const window = { startUnix: now - 7 * DAY, endUnix: now };

  before(async () => {
    api = await startFakeApi();
  });
  after(async () => {
    await api.close();
  });
  afterEach(() => {
    api.clearFaults();
    api.requests.length = 0;
  });

  function client(overrides: Partial<ClientOptions> = {}): ElevenLabsClient {
    return new ElevenLabsClient({ baseUrl: api.url, apiKey: api.validKey, retry: FAST_RETRY, ...overrides });
  }

  it('returns the window total the event log holds', async () => {
    const usage = await client().getCharacterStats({ ...window, aggregationInterval: 'cumulative', metric: 'tts_characters' });
    const expected = eventsBetween(window.startUnix, window.endUnix + 1, { now: window.endUnix + 1 })
      .filter((e) => e.byCaller)
      .reduce((sum, e) => sum + e.metrics.tts_characters, 0);
    assert.equal(usage.series.length, 1);
    assert.equal(usage.series[0]!.name, 'All');
    assert.equal(grandTotal(usage), expected);
    assert.ok(expected > 0);
  });

  it('sends the key in the xi-api-key header and all parameters', async () => {
    await client().getCharacterStats({ ...window, breakdownType: 'voice', aggregationInterval: 'day', metric: 'credits', includeWorkspaceMetrics: true, aggregationBucketSize: 86400 });
    const [request] = api.requests;
    assert.equal(request!.hasKey, true);
    assert.deepEqual(Object.keys(request!.query).sort(), ['aggregation_bucket_size', 'aggregation_interval', 'breakdown_type', 'end_unix', 'include_workspace_metrics', 'metric', 'start_unix']);
  });

  it('refuses a bad query without sending anything', async () => {
    const error = await failure(client().getCharacterStats({ startUnix: 1_700_000_000, endUnix: 1_700_086_400 }));
    assert.equal(error.kind, 'invalidQuery');
    assert.equal(api.requests.length, 0);
  });

  it('reads the quota', async () => {
    const quota = await client().getSubscription();
    assert.ok(quota.limit > 0);
    assert.ok(quota.used >= 0);
    assert.ok(quota.resetsAtMs! > now);
  });

  it('maps a wrong key, a missing permission and an enum the service refuses', async () => {
    const wrong = await failure(client({ apiKey: 'sk_wrong' }).getSubscription());
    assert.equal(wrong.kind, 'invalidApiKey');
    const restricted = await failure(client({ apiKey: api.restrictedKey }).getSubscription());
    assert.equal(restricted.kind, 'missingPermissions');
    assert.equal(restricted.permission, 'user_read');
    const refused = await failure(client().getCharacterStats({ ...window, metric: 'carbon_grams' }));
    assert.equal(refused.kind, 'validation');
    assert.match(refused.message, /query\.metric/);
  });

  it('calls a key with an invisible or non-ASCII character a key to paste again, not a network failure, and sends nothing', async () => {
    // A zero-width space copied along with the key, a curly quote, a non-breaking space inside it.
    for (const apiKey of [`${api.validKey}\u200b`, `\u201c${api.validKey}\u201d`, `sk_\u00a0abc`]) {
      const error = await failure(client({ apiKey }).getCharacterStats({ ...window, aggregationInterval: 'cumulative' }));
      assert.equal(error.kind, 'invalidApiKey', JSON.stringify(apiKey));
      assert.match(error.message, /^The API key holds a character no API key has \(an invisible or non-ASCII one, .*\), so it cannot be sent\. Run "ElevenLabs: Set API Key" and paste the key again from elevenlabs\.io\.$/);
      assert.ok(!error.message.includes(api.validKey), 'no key in the message');
    }
    assert.equal(api.requests.length, 0);
  });

  it('retries 429 twice honouring Retry-After, then succeeds', async () => {
    api.setFaults({ rateLimit: { count: 2, retryAfterSeconds: 1 } });
    const started = Date.now();
    await client().getSubscription();
    assert.equal(api.requests.length, 3);
    assert.ok(Date.now() - started >= 2000, 'waited the two Retry-After seconds');
  });

  it('gives up after two retries with the last error', async () => {
    api.setFaults({ serverError: 5 });
    const error = await failure(client().getSubscription());
    assert.equal(error.kind, 'server');
    assert.equal(error.message, 'ElevenLabs had a server error (HTTP 500). Try again in a few minutes.');
    assert.equal(api.requests.length, 3);
  });

  it('does not wait out a long Retry-After inside a request', async () => {
    api.setFaults({ rateLimit: { count: 1, retryAfterSeconds: 120 } });
    const error = await failure(client().getSubscription());
    assert.equal(error.kind, 'rateLimited');
    assert.equal(error.retryAfterMs, 120_000);
    assert.equal(api.requests.length, 1);
  });

  it('retries a proxy\u2019s HTML 503 page twice, then explains it as a server error', async () => {
    api.setFaults({ byPath: { '/v1/user/subscription': { status: 503, body: 'html' } } });
    const error = await failure(client().getSubscription());
    assert.equal(error.kind, 'server');
    assert.match(error.message, /server error \(HTTP 503; an HTML page came instead of data/);
    assert.equal(api.requests.length, 3);
  });

  it('makes one attempt only for a request that asks for no retries', async () => {
    api.setFaults({ byPath: { '/v1/usage/character-stats': { status: 503, body: 'html' } } });
    const error = await failure(client().getCharacterStats(window, { maxRetries: 0 }));
    assert.equal(error.kind, 'server');
    assert.equal(api.requests.length, 1);
  });

  it('retries an empty 503, and succeeds when the service is back', async () => {
    api.setFaults({ byPath: { '/v1/user/subscription': { status: 503, body: 'empty', count: 2 } } });
    assert.ok((await client().getSubscription()).limit > 0);
    assert.equal(api.requests.length, 3);
  });

  it('takes a 429 with an HTML page and a long Retry-After for a rate limit, and leaves the wait to the caller', async () => {
    api.setFaults({ byPath: { '/v1/usage/character-stats': { status: 429, body: 'html', retryAfterSeconds: 120 } } });
    const error = await failure(client().getCharacterStats(window));
    assert.equal(error.kind, 'rateLimited');
    assert.equal(error.retryAfterMs, 120_000);
    assert.match(error.message, /It asked to wait 120 seconds/);
    assert.equal(api.requests.length, 1);
  });

  it('retries 408 as the official SDKs do', async () => {
    api.setFaults({ byPath: { '/v1/user/subscription': { status: 408, body: 'json', count: 2 } } });
    assert.ok((await client().getSubscription()).limit > 0);
    assert.equal(api.requests.length, 3);
    api.setFaults({ byPath: { '/v1/user/subscription': { status: 408, body: 'empty' } } });
    const error = await failure(client().getSubscription());
    assert.equal(error.kind, 'timeout');
    assert.equal(error.status, 408);
    assert.equal(api.requests.length, 6);
  });

  it('stops reading a body that never ends at 50 MB, with a clear error', async function () {
    this.timeout(30_000);
    api.setFaults({ byPath: { '/v1/usage/character-stats': { status: 200, body: 'endless' } } });
    // A client that read the whole body first would still be reading when its 20 s timeout struck.
    const error = await failure(client({ timeoutMs: 20_000 }).getCharacterStats(window));
    assert.equal(error.kind, 'tooLarge');
    assert.equal(
      error.message,
      'The answer from 127.0.0.1 was larger than 50 MB, so the extension stopped reading it. For a long window, choose larger ' +
        'buckets or a shorter window; if this persists, check the elevenlabsUsage.apiBaseUrl setting.',
    );
    assert.equal(api.requests.length, 1, 'not retried');
    assert.equal(MAX_BODY_BYTES, 50 * 1024 * 1024);
  });

  it('refuses a body that announces more than the cap without reading it', async () => {
    let connectionClosed!: () => void;
    const closed = new Promise<void>((resolve) => (connectionClosed = resolve));
    const server = createHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES + 1) });
      res.write('{"time":[');
      // Never finishes: only a client that stops at the header is done before its timeout.
      res.on('close', connectionClosed);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const error = await failure(new ElevenLabsClient({ baseUrl, apiKey: 'sk_x', timeoutMs: 10_000, retry: FAST_RETRY }).getSubscription());
      assert.equal(error.kind, 'tooLarge');
      await closed;
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('explains malformed JSON and arrays that do not line up', async () => {
    api.setFaults({ malformedJson: 1 });
    assert.equal((await failure(client().getCharacterStats(window))).kind, 'notJson');
    api.setFaults({ truncatedArrays: 1 });
    const shape = await failure(client().getCharacterStats(window));
    assert.equal(shape.kind, 'badShape');
    assert.match(shape.message, /values for \d+ time labels/);
  });

  it('times out a slow answer', async () => {
    api.setFaults({ latencyMs: 500 });
    const error = await failure(client({ timeoutMs: 100, retry: { maxRetries: 0 } }).getSubscription());
    assert.equal(error.kind, 'timeout');
    assert.match(error.message, /did not answer within/);
  });

  it('cancels by AbortSignal, also while waiting to retry', async () => {
    api.setFaults({ hang: true });
    const controller = new AbortController();
    const pending = client().getSubscription({ signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    assert.equal((await failure(pending)).kind, 'cancelled');
    api.clearFaults();
    api.setFaults({ rateLimit: { count: 3, retryAfterSeconds: 10 } });
    const waiting = new AbortController();
    const retrying = client().getSubscription({ signal: waiting.signal });
    setTimeout(() => waiting.abort(), 100);
    assert.equal((await failure(retrying)).kind, 'cancelled');
  });

  it('says when the service cannot be reached, after retrying', async () => {
    const port = await closedPort();
    const error = await failure(new ElevenLabsClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: 'sk_x', retry: FAST_RETRY }).getSubscription());
    assert.equal(error.kind, 'offline');
    assert.match(error.message, new RegExp(`Could not reach 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`));
  });

  it('does not follow a redirect, so the key goes nowhere else, and says so', async () => {
    let hits = 0;
    let followed = false;
    const target = createHttpServer((_req, res) => {
      followed = true;
      res.end('{}');
    });
    const redirector = createHttpServer((_req, res) => {
      hits++;
      res.writeHead(302, { location: `http://127.0.0.1:${(target.address() as { port: number }).port}/steal` });
      res.end();
    });
    await Promise.all([target, redirector].map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))));
    try {
      const baseUrl = `http://127.0.0.1:${(redirector.address() as { port: number }).port}`;
      const error = await failure(new ElevenLabsClient({ baseUrl, apiKey: 'sk_x', retry: FAST_RETRY }).getSubscription());
      assert.equal(error.kind, 'http');
      assert.match(error.message, /answered with a redirect to another address\. The extension does not follow redirects/);
      assert.equal(hits, 1, 'not retried');
      assert.equal(followed, false, 'the redirect target was never asked');
    } finally {
      await Promise.all([target, redirector].map((server) => new Promise((resolve) => server.close(resolve))));
    }
  });

  it('never puts the key in an error message', async () => {
    const key = 'sk_this_is_the_secret_under_test_0123456789abcdef';
    const messages: string[] = [];
    for (const faults of [{}, { htmlPage: 3 }, { serverError: 3 }, { malformedJson: 1 }, { rateLimit: { count: 1, retryAfterSeconds: 100 } }, { byPath: { '*': { status: 503, body: 'html' as const } } }]) {
      api.setFaults(faults);
      const c = new ElevenLabsClient({ baseUrl: api.url, apiKey: key, retry: FAST_RETRY });
      messages.push((await failure(c.getSubscription())).message);
      api.clearFaults();
    }
    assert.equal(messages.length, 6);
    for (const message of messages) {
      assert.ok(!message.includes(key), message);
    }
  });
});
