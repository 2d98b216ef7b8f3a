// Maps a failed HTTP answer to an ElevenLabsError, reading the error bodies the real service sends
// (documented in shared/docs/elevenlabs-usage-api.md):
//   401 {"detail":{"status":"invalid_api_key","message":"Invalid API key"}}
//   422 {"detail":[{"type":"missing","loc":["query","start_unix"],"msg":"Field required","input":null}]}
//   429 {"detail":{"status":"system_busy","message":"..."}} with an optional Retry-After
// and whatever a proxy sends instead (an HTML page, an empty body). The status decides first: a 429 or a 5xx is
// a rate limit or an outage whatever its body looks like. Text quoted from a body goes through quoteServiceText
// with the request's key, so that no link and no part of the key can come from an answer.

import { formatExact } from '../shared/locale/numberFormats';
import * as l10n from '@vscode/l10n';
import { ElevenLabsError, withoutSecret, type ValidationIssue } from './errors';
import { plural } from '../shared/locale/plural';
import { quoteServiceText, withoutLinks } from './serviceText';

export interface FailedResponse {
  readonly status: number;
  /** The body as text; may be HTML, empty or cut off. */
  readonly bodyText: string;
  /** The wait the service asked for (parseRetryAfter), unbounded: the error keeps to at most MAX_RETRY_AFTER_MS. */
  readonly retryAfterMs: number | undefined;
  readonly traceId: string | undefined;
}

/**
 * The longest Retry-After kept to. A rate limit of a few minutes is what services send; a header of days (a
 * hostile proxy, or an HTTP date read against a clock that is weeks slow) gets one try an hour instead of silence,
 * and never becomes a timer past Node's limit, which fires at once.
 */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

interface StatusDetail {
  readonly status?: string;
  readonly message?: string;
}

/**
 * Parses Retry-After (delta seconds or an HTTP date) into the milliseconds asked for, unbounded (Infinity for a
 * number too long to hold). An HTTP date is read against the answer's own Date header when it has one, so that
 * a machine clock that is off does not turn a two-minute wait into weeks (or into none); else against `nowMs`.
 */
export function parseRetryAfter(header: string | null | undefined, nowMs: number, serverDate?: string | null): number | undefined {
  if (!header) {
    return undefined;
  }
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    return Math.round(Number(trimmed) * 1000);
  }
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) {
    return undefined;
  }
  const serverNow = serverDate ? Date.parse(serverDate) : Number.NaN;
  return Math.max(0, date - (Number.isNaN(serverNow) ? nowMs : serverNow));
}

/** "120 seconds", "3 hours", "41 days": the wait a service asked for, in words. */
function waitWords(ms: number): string {
  if (ms <= 120_000) {
    return seconds(ms);
  }
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) {
    return plural(minutes, l10n.t('{0} minute', minutes), l10n.t('{0} minutes', minutes));
  }
  const hours = Math.round(ms / 3_600_000);
  if (hours < 48) {
    return plural(hours, l10n.t('{0} hour', hours), l10n.t('{0} hours', hours));
  }
  const days = Math.round(ms / 86_400_000);
  return days > 1000 || !Number.isFinite(ms) ? l10n.t('more than 1,000 days') : plural(days, l10n.t('{0} day', days), l10n.t('{0} days', days));
}

/** What a 429 (or a 5xx) says of the wait asked for, and what the extension does about it: a sentence or two. */
function waitSentences(askedMs: number | undefined): string[] {
  if (askedMs === undefined) {
    return [];
  }
  const asked = l10n.t('It asked to wait {0}.', waitWords(askedMs));
  return askedMs > MAX_RETRY_AFTER_MS ? [asked, l10n.t('The extension waits {0} minutes at most before it asks again.', MAX_RETRY_AFTER_MS / 60_000)] : [asked];
}

/** True for a body that is an HTML document, as proxies and load balancers send. */
export function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype html|<html|<head|<body|<\?xml|<h1|<center)/i.test(text);
}

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Quotes service text with the request's key redacted from it (see quoteServiceText). */
type Quote = (text: string) => string;

function statusDetail(body: unknown, quote: Quote): StatusDetail | undefined {
  if (typeof body !== 'object' || body === null) {
    return undefined;
  }
  const detail = (body as { detail?: unknown }).detail;
  if (typeof detail === 'string') {
    return { message: quote(detail) };
  }
  if (typeof detail === 'object' && detail !== null && !Array.isArray(detail)) {
    const { status, message } = detail as { status?: unknown; message?: unknown };
    return {
      ...(typeof status === 'string' ? { status: quote(status) } : {}),
      ...(typeof message === 'string' ? { message: quote(message) } : {}),
    };
  }
  return undefined;
}

/** A 422 names this many fields at most: the message and the tooltip stay readable, and a body of 10,000 costs nothing. */
export const MAX_VALIDATION_ISSUES = 5;

/** How many entries a FastAPI 422's `detail` list has (0 when it is not one). */
function validationIssueCount(body: unknown): number {
  const detail = typeof body === 'object' && body !== null ? (body as { detail?: unknown }).detail : undefined;
  return Array.isArray(detail) ? detail.length : 0;
}

function validationIssues(body: unknown, quote: Quote): ValidationIssue[] {
  const detail = typeof body === 'object' && body !== null ? (body as { detail?: unknown }).detail : undefined;
  if (!Array.isArray(detail)) {
    return [];
  }
  return detail.slice(0, MAX_VALIDATION_ISSUES).flatMap((item): ValidationIssue[] => {
    if (typeof item !== 'object' || item === null) {
      return [];
    }
    const { loc, msg } = item as { loc?: unknown; msg?: unknown };
    const location = Array.isArray(loc) ? quote(loc.map(String).join('.')) : 'request';
    return [{ location, message: typeof msg === 'string' ? quote(msg) : l10n.t('invalid value') }];
  });
}

/** "The API key you used is missing the permission user_read to ..." → "user_read". */
export function permissionFromMessage(message: string | undefined): string | undefined {
  // Permission names have an underscore (user_read, usage_write): "permissions to access..." names none.
  const match = message?.match(/permissions?[:\s]+['"`]?([a-z][a-z0-9]*_[a-z0-9_]+)/i);
  return match?.[1];
}

function seconds(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  return plural(s, l10n.t('{0} second', s), l10n.t('{0} seconds', s));
}

function authError(status: number, detail: StatusDetail | undefined, traceId: string | undefined): ElevenLabsError {
  const details = { status, traceId, ...(detail?.status ? { serviceStatus: detail.status } : {}) };
  switch (detail?.status) {
    case 'invalid_api_key':
      return new ElevenLabsError('invalidApiKey', l10n.t('ElevenLabs rejected the API key as invalid. Run "ElevenLabs: Set API Key" to store a valid key.'), details);
    case 'needs_authorization':
      return new ElevenLabsError('needsAuthorization', l10n.t('ElevenLabs received no API key. Run "ElevenLabs: Set API Key" to store a valid key.'), details);
    case 'missing_permissions': {
      const permission = permissionFromMessage(detail.message);
      return new ElevenLabsError(
        'missingPermissions',
        permission
          ? l10n.t('The API key is valid but lacks the "{0}" permission. Enable it for this key in ElevenLabs (Developers → API Keys), or set a key that has it.', permission)
          : l10n.t('The API key is valid but lacks a permission this request needs. Enable it for this key in ElevenLabs (Developers → API Keys), or set a key that has it.'),
        { ...details, ...(permission ? { permission } : {}) },
      );
    }
    case 'quota_exceeded':
      return new ElevenLabsError(
        'quotaExceeded',
        l10n.t('Your ElevenLabs quota for this period is used up. It resets at the start of the next period, or raise it in your ElevenLabs subscription.'),
        details,
      );
    default:
      return new ElevenLabsError(
        'unauthorized',
        detail?.status
          ? l10n.t('ElevenLabs refused the request (HTTP {0}, {1}). Run "ElevenLabs: Set API Key" to store a valid key.', status, detail.status)
          : l10n.t('ElevenLabs refused the request (HTTP {0}). Run "ElevenLabs: Set API Key" to store a valid key.', status),
        details,
      );
  }
}

/** What a body that is not JSON looks like, for messages: "an empty answer", "an HTML page", ... */
function bodyKind(bodyText: string): string {
  return bodyText.trim() === '' ? l10n.t('an empty answer') : looksLikeHtml(bodyText) ? l10n.t('an HTML page') : l10n.t('an unreadable answer');
}

function nonJsonError(response: FailedResponse): ElevenLabsError {
  const { status, traceId } = response;
  return new ElevenLabsError(
    'notJson',
    l10n.t('ElevenLabs sent {0} instead of data (HTTP {1}). Check elevenlabsUsage.apiBaseUrl points at the ElevenLabs API, or try again later.', bodyKind(response.bodyText), status),
    { status, traceId, ...(response.retryAfterMs !== undefined ? { retryAfterMs: Math.min(response.retryAfterMs, MAX_RETRY_AFTER_MS) } : {}) },
  );
}

/**
 * The error for a non-2xx answer (or a 200 that is not JSON). `apiKey` is only used to scrub the result, in
 * case a proxy echoes request headers back into any field that is quoted.
 */
export function errorFromResponse(response: FailedResponse, apiKey: string | undefined): ElevenLabsError {
  const quote: Quote = (text) => quoteServiceText(text, apiKey);
  const traceId = response.traceId === undefined ? undefined : quote(response.traceId).slice(0, 100);
  const error = withoutSecret(mapResponse({ ...response, traceId }, quote), apiKey);
  // Once more after redaction: "[redacted]" next to an echoed "(command:...)" would make a link of its own.
  return new ElevenLabsError(error.kind, withoutLinks(error.message), error);
}

function mapResponse(response: FailedResponse, quote: Quote): ElevenLabsError {
  const { status, traceId } = response;
  const retryAfterMs = response.retryAfterMs === undefined ? undefined : Math.min(response.retryAfterMs, MAX_RETRY_AFTER_MS);
  const body = tryParseJson(response.bodyText);
  const detail = statusDetail(body, quote);
  const common = {
    status,
    traceId,
    ...(detail?.status ? { serviceStatus: detail.status } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
  // By status first: a rate limit or an outage is one whatever a proxy put in the body.
  if (status === 429) {
    const what =
      detail?.status === 'system_busy'
        ? l10n.t('ElevenLabs is busy (HTTP 429).')
        : detail?.status === 'too_many_concurrent_requests'
          ? l10n.t('ElevenLabs is limiting how many requests run at once (HTTP 429).')
          : l10n.t('ElevenLabs is limiting requests (HTTP 429).');
    const sentences = [what, ...waitSentences(response.retryAfterMs), l10n.t('The extension will retry later.')];
    return new ElevenLabsError('rateLimited', sentences.join(' '), common);
  }
  if (status === 408) {
    return new ElevenLabsError('timeout', l10n.t('ElevenLabs timed out waiting for the request (HTTP 408). Try again in a few minutes.'), common);
  }
  if (status >= 500) {
    // A 5xx in plain text (uvicorn's "Internal Server Error") is simply a server error; an HTML page or an empty
    // body is worth naming, as it points at a proxy or a load balancer in between.
    const html = looksLikeHtml(response.bodyText);
    const message = html
      ? l10n.t('ElevenLabs had a server error (HTTP {0}; an HTML page came instead of data, from a proxy in between). Try again in a few minutes.', status)
      : response.bodyText.trim() === ''
        ? l10n.t('ElevenLabs had a server error (HTTP {0}; an empty answer). Try again in a few minutes.', status)
        : l10n.t('ElevenLabs had a server error (HTTP {0}). Try again in a few minutes.', status);
    return new ElevenLabsError('server', message, common);
  }
  if (body === undefined) {
    // An HTML page or garbage where JSON belongs: most likely the wrong address.
    return nonJsonError(response);
  }
  const serviceMessage = detail?.message;
  if (status === 401 || status === 403) {
    return authError(status, detail, traceId);
  }
  if (status === 422 || status === 400) {
    const issues = validationIssues(body, quote);
    const all = Math.max(issues.length, validationIssueCount(body));
    const more = all > issues.length ? l10n.t('; and {0} more', formatExact(all - issues.length)) : '';
    const listed = issues.length > 0 ? issues.map((i) => `${i.location}: ${i.message}`).join('; ') + more : serviceMessage ?? l10n.t('no reason given');
    return new ElevenLabsError('validation', l10n.t('ElevenLabs refused the query parameters ({0}).', listed), {
      status,
      traceId,
      issues,
    });
  }
  return new ElevenLabsError('http', serviceMessage ? l10n.t('ElevenLabs answered with HTTP {0}: {1}.', status, serviceMessage) : l10n.t('ElevenLabs answered with HTTP {0}.', status), common);
}
