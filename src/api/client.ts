// The ElevenLabs HTTP client: character-stats and its successor (the analytics query), the subscription, a timeout per attempt, cancellation by AbortSignal, a cap
// on the size of an answer, and at most two retries on 408, 429, 5xx and network failures, with capped
// exponential backoff that honours Retry-After (as the official JS SDK does). No `vscode` import: tested in plain
// mocha against the fake API.

import * as l10n from '@vscode/l10n';
import { accountIdOf } from './accountId';
import { apiKeyFormatProblem } from './apiKeyFormat';
import { ElevenLabsError, isElevenLabsError, redact, withoutSecret } from './errors';
import { MAX_SERIES_PER_ANSWER, parseSubscriptionResponse, parseUsageResponse } from './parse';
import { MAX_ROWS_PER_ANSWER, parseAnalyticsResponse } from './analytics/analyticsParse';
import { assertValidAnalyticsQuery, bucketCount, buildAnalyticsBody, buildAnalyticsUrl } from './analytics/analyticsRequest';
import type { AnalyticsQuery, AnalyticsSeries } from './analytics/analyticsTypes';
import { assertValidQuery, buildCharacterStatsUrl, buildSubscriptionUrl, maxLabelsFor } from './query';
import { errorFromResponse, parseRetryAfter } from './responseErrors';
import { mayHoldSecret, quoteServiceText } from './serviceText';
import type { SubscriptionQuota, UsageQuery, UsageSeries } from './types';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** Delay before the first retry; doubles each time. */
  readonly baseDelayMs: number;
  /** No computed delay exceeds this. */
  readonly maxDelayMs: number;
  /**
   * A Retry-After longer than this is not waited out inside one request: the error goes back to the caller,
   * carrying retryAfterMs, so that a poller can schedule its next try instead of holding a request open.
   */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
/**
 * No answer is read past this size (50 MiB), so that a hostile proxy cannot fill the extension host's memory. A
 * year of hourly data in 50 series is about 3 MB.
 */
export const MAX_BODY_BYTES = 50 * 1024 * 1024;
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 2,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
};

export interface ClientOptions {
  /** Already checked with checkBaseUrl. */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Injected for tests and benchmarks; defaults to the global fetch. */
  readonly fetch?: typeof fetch;
  /** Called once per HTTP attempt (retries included), for request counting. */
  readonly onAttempt?: (url: URL) => void;
}

export interface RequestOptions {
  readonly signal?: AbortSignal;
  /**
   * Fewer retries than the client's policy for this request: 0 for a figure that is not worth a second request now
   * (its next try is far off anyway).
   */
  readonly maxRetries?: number;
}

const USER_AGENT = 'elevenlabs-usage-vscode';

/** Resolves after `ms`, or rejects with a cancelled error as soon as `signal` aborts. */
function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelled());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelled());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function cancelled(): ElevenLabsError {
  return new ElevenLabsError('cancelled', l10n.t('The request was cancelled.'));
}

function networkCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

function causeMessage(error: unknown): string {
  const cause = (error as { cause?: { message?: unknown } } | undefined)?.cause;
  return typeof cause?.message === 'string' ? cause.message : '';
}

function shouldRetry(error: ElevenLabsError): boolean {
  // As the official SDKs: 408, 429 and 5xx (whatever their body), and connections that failed. A timeout of our
  // own is not retried: the next refresh tries again.
  return error.kind === 'offline' || error.kind === 'rateLimited' || error.kind === 'server' || (error.kind === 'timeout' && error.status === 408);
}

function tooLarge(url: URL): ElevenLabsError {
  return new ElevenLabsError(
    'tooLarge',
    l10n.t(
      'The answer from {0} was larger than {1} MB, so the extension stopped reading it. For a long window, choose larger buckets or a shorter window; if this persists, check the elevenlabsUsage.apiBaseUrl setting.',
      url.hostname,
      MAX_BODY_BYTES / 1024 / 1024,
    ),
  );
}

/** Reads a body as UTF-8 text as it streams in, stopping with a tooLarge error past `maxBytes`. */
async function readBody(response: Response, url: URL, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '');
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(url);
  }
  if (!response.body) {
    return '';
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(url);
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}

export class ElevenLabsClient {
  private readonly baseUrl: string;
  private readonly apiKey: string;
  private readonly timeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly fetchImpl: typeof fetch;
  private readonly onAttempt: ((url: URL) => void) | undefined;

  constructor(options: ClientOptions) {
    this.baseUrl = options.baseUrl;
    this.apiKey = options.apiKey;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.fetchImpl = options.fetch ?? fetch;
    this.onAttempt = options.onAttempt;
  }

  /** `GET /v1/usage/character-stats`: validates the query first, then returns the checked series. */
  async getCharacterStats(query: UsageQuery, options: RequestOptions = {}): Promise<UsageSeries> {
    assertValidQuery(query);
    const body = await this.requestJson(buildCharacterStatsUrl(this.baseUrl, query), options);
    let usage: UsageSeries;
    try {
      usage = parseUsageResponse(body, { maxLabels: maxLabelsFor(query), maxSeries: MAX_SERIES_PER_ANSWER });
    } catch (error) {
      // A refusal quotes series names, which come from the service and may be cut through an echoed key.
      throw isElevenLabsError(error) ? withoutSecret(error, this.apiKey) : error;
    }
    // Series names are shown in the chart, the table and the exports: an answer that echoes the key there, or a
    // part of it (a proxy, a breakdown gone wrong), must not put it on screen.
    return usage.series.some((s) => mayHoldSecret(s.name, this.apiKey))
      ? { time: usage.time, series: usage.series.map((s) => ({ name: redact(s.name, this.apiKey), values: s.values })) }
      : usage;
  }

  /**
   * `POST /v1/workspace/analytics/query/usage-by-product-over-time`: validates the query first, then returns the
   * workspace's credits by bucket as series. `wallClockToUtc` reads a time the answer writes without an offset as
   * one on the wall clock of the query's zone (see AnalyticsAnswerContext).
   */
  async queryUsageOverTime(query: AnalyticsQuery, wallClockToUtc: (wallClockMs: number) => number, options: RequestOptions = {}): Promise<AnalyticsSeries> {
    assertValidAnalyticsQuery(query);
    const body = await this.requestJson(buildAnalyticsUrl(this.baseUrl), options, buildAnalyticsBody(query));
    let answer: AnalyticsSeries;
    try {
      answer = parseAnalyticsResponse(body, {
        groupBy: query.groupBy ?? [],
        maxRows: Math.min(MAX_ROWS_PER_ANSWER, bucketCount(query) * MAX_SERIES_PER_ANSWER),
        wallClockToUtc,
      });
    } catch (error) {
      throw isElevenLabsError(error) ? withoutSecret(error, this.apiKey) : error;
    }
    // As for character-stats: a series name that echoes the key, or a part of it, must not reach the screen.
    return answer.series.some((s) => mayHoldSecret(s.name, this.apiKey))
      ? { ...answer, series: answer.series.map((s) => ({ name: redact(s.name, this.apiKey), values: s.values })) }
      : answer;
  }

  /** `GET /v1/user/subscription`: the quota figures (needs the key's `user_read` permission). */
  async getSubscription(options: RequestOptions = {}): Promise<SubscriptionQuota> {
    const body = await this.requestJson(buildSubscriptionUrl(this.baseUrl), options);
    const quota = parseSubscriptionResponse(body);
    // The tier and the other words are quoted in messages and the tooltip: one line, short, no link, no key.
    const quote = (text: string | undefined): string | undefined => (text === undefined ? undefined : quoteServiceText(text, this.apiKey));
    return {
      ...quota,
      tier: quote(quota.tier)!,
      status: quote(quota.status)!,
      billingPeriod: quote(quota.billingPeriod),
      creditRefreshPeriod: quote(quota.creditRefreshPeriod),
      currency: quote(quota.currency),
      currentOverage: quota.currentOverage && { amount: quote(quota.currentOverage.amount)!, currency: quote(quota.currentOverage.currency)! },
      account: accountIdOf(this.baseUrl, this.apiKey),
    };
  }

  /** A GET, or a POST of `jsonBody`, with the retries of the policy; the answer's JSON. */
  private async requestJson(url: URL, { signal, maxRetries }: RequestOptions, jsonBody?: unknown): Promise<unknown> {
    const retries = Math.min(this.retry.maxRetries, maxRetries ?? this.retry.maxRetries);
    const bodyText = jsonBody === undefined ? undefined : JSON.stringify(jsonBody);
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.attempt(url, signal, bodyText);
      } catch (error) {
        const failure = this.asElevenLabsError(error);
        const wait = this.retryDelay(failure, attempt, retries);
        if (wait === undefined) {
          throw failure;
        }
        await delay(wait, signal);
      }
    }
  }

  /** How long to wait before retrying after `error` on attempt `attempt` (0-based), or undefined to give up. */
  private retryDelay(error: ElevenLabsError, attempt: number, maxRetries: number): number | undefined {
    if (attempt >= maxRetries || !shouldRetry(error)) {
      return undefined;
    }
    if (error.retryAfterMs !== undefined) {
      return error.retryAfterMs <= this.retry.maxRetryAfterMs ? error.retryAfterMs : undefined;
    }
    const exponential = this.retry.baseDelayMs * 2 ** attempt;
    // Full jitter keeps windows that share a rate limit from retrying in step.
    return Math.min(this.retry.maxDelayMs, exponential / 2 + Math.random() * (exponential / 2));
  }

  /** One HTTP attempt under its own timeout (a POST when there is a body to send); the answer is read inside it too. */
  private async attempt(url: URL, signal: AbortSignal | undefined, jsonBody: string | undefined): Promise<unknown> {
    if (signal?.aborted) {
      throw cancelled();
    }
    if (apiKeyFormatProblem(this.apiKey) === 'notPrintableAscii') {
      throw new ElevenLabsError(
        'invalidApiKey',
        l10n.t(
          'The API key holds a character no API key has (an invisible or non-ASCII one, often copied along from a web page or a chat), so it cannot be sent. Run "ElevenLabs: Set API Key" and paste the key again from elevenlabs.io.',
        ),
      );
    }
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    const forwardAbort = (): void => controller.abort();
    signal?.addEventListener('abort', forwardAbort, { once: true });
    try {
      this.onAttempt?.(url);
      const headers: Record<string, string> = { 'xi-api-key': this.apiKey, accept: 'application/json', 'user-agent': USER_AGENT };
      const response = await this.fetchImpl(url, {
        ...(jsonBody === undefined ? { method: 'GET', headers } : { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: jsonBody }),
        signal: controller.signal,
        redirect: 'error',
      });
      const bodyText = await readBody(response, url, MAX_BODY_BYTES);
      if (!response.ok) {
        throw errorFromResponse(
          {
            status: response.status,
            bodyText,
            retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), Date.now(), response.headers.get('date')),
            traceId: response.headers.get('x-trace-id') ?? undefined,
          },
          this.apiKey,
        );
      }
      try {
        return JSON.parse(bodyText) as unknown;
      } catch {
        throw errorFromResponse(
          { status: response.status, bodyText, retryAfterMs: undefined, traceId: response.headers.get('x-trace-id') ?? undefined },
          this.apiKey,
        );
      }
    } catch (error) {
      if (isElevenLabsError(error)) {
        throw error;
      }
      if (signal?.aborted) {
        throw cancelled();
      }
      if (timedOut) {
        throw new ElevenLabsError(
          'timeout',
          l10n.t('ElevenLabs did not answer within {0} seconds. Check your connection and try again.', Math.round(this.timeoutMs / 1000)),
        );
      }
      throw this.networkError(url, error);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', forwardAbort);
    }
  }

  private networkError(url: URL, error: unknown): ElevenLabsError {
    if (/redirect/i.test(causeMessage(error))) {
      return new ElevenLabsError(
        'http',
        l10n.t(
          '{0} answered with a redirect to another address. The extension does not follow redirects, so that your key is never sent anywhere else: check the elevenlabsUsage.apiBaseUrl setting.',
          url.host,
        ),
      );
    }
    const code = networkCode(error);
    return new ElevenLabsError(
      'offline',
      code
        ? l10n.t('Could not reach {0} ({1}). Check your network connection, or the elevenlabsUsage.apiBaseUrl setting.', url.host, code)
        : l10n.t('Could not reach {0}. Check your network connection, or the elevenlabsUsage.apiBaseUrl setting.', url.host),
    );
  }

  private asElevenLabsError(error: unknown): ElevenLabsError {
    if (isElevenLabsError(error)) {
      return error;
    }
    // Unreachable by design; kept so that nothing but our own error type can leave the client.
    const text = error instanceof Error ? error.message : String(error);
    return new ElevenLabsError('offline', redact(l10n.t('Unexpected failure: {0}', text), this.apiKey));
  }
}
