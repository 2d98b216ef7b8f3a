// Maps a failed HTTP answer to an ElevenLabsError, reading the error bodies the real service sends
// (documented in shared/docs/elevenlabs-usage-api.md):
//   401 {"detail":{"status":"invalid_api_key","message":"Invalid API key"}}
//   422 {"detail":[{"type":"missing","loc":["query","start_unix"],"msg":"Field required","input":null}]}
//   429 {"detail":{"status":"system_busy","message":"..."}} with an optional Retry-After
// and whatever a proxy sends instead (an HTML page, an empty body).

import { ElevenLabsError, withoutSecret, type ElevenLabsErrorKind, type ValidationIssue } from './errors';

export interface FailedResponse {
  readonly status: number;
  /** The body as text; may be HTML, empty or cut off. */
  readonly bodyText: string;
  readonly retryAfterMs: number | undefined;
  readonly traceId: string | undefined;
}

interface StatusDetail {
  readonly status?: string;
  readonly message?: string;
}

/** Parses Retry-After (delta seconds or an HTTP date) into milliseconds from `nowMs`. */
export function parseRetryAfter(header: string | null | undefined, nowMs: number): number | undefined {
  if (!header) {
    return undefined;
  }
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    return Math.round(Number(trimmed) * 1000);
  }
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
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

function statusDetail(body: unknown): StatusDetail | undefined {
  if (typeof body !== 'object' || body === null) {
    return undefined;
  }
  const detail = (body as { detail?: unknown }).detail;
  if (typeof detail === 'string') {
    return { message: detail };
  }
  if (typeof detail === 'object' && detail !== null && !Array.isArray(detail)) {
    const { status, message } = detail as { status?: unknown; message?: unknown };
    return {
      ...(typeof status === 'string' ? { status } : {}),
      ...(typeof message === 'string' ? { message } : {}),
    };
  }
  return undefined;
}

function validationIssues(body: unknown): ValidationIssue[] {
  const detail = typeof body === 'object' && body !== null ? (body as { detail?: unknown }).detail : undefined;
  if (!Array.isArray(detail)) {
    return [];
  }
  return detail.flatMap((item): ValidationIssue[] => {
    if (typeof item !== 'object' || item === null) {
      return [];
    }
    const { loc, msg } = item as { loc?: unknown; msg?: unknown };
    const location = Array.isArray(loc) ? loc.map(String).join('.') : 'request';
    return [{ location, message: typeof msg === 'string' ? msg : 'invalid value' }];
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
  return s === 1 ? '1 second' : `${s} seconds`;
}

const SET_KEY_HINT = 'Run "ElevenLabs: Set API Key" to store a valid key.';

function authError(status: number, detail: StatusDetail | undefined, traceId: string | undefined): ElevenLabsError {
  const details = { status, traceId, ...(detail?.status ? { serviceStatus: detail.status } : {}) };
  switch (detail?.status) {
    case 'invalid_api_key':
      return new ElevenLabsError('invalidApiKey', `ElevenLabs rejected the API key as invalid. ${SET_KEY_HINT}`, details);
    case 'needs_authorization':
      return new ElevenLabsError('needsAuthorization', `ElevenLabs received no API key. ${SET_KEY_HINT}`, details);
    case 'missing_permissions': {
      const permission = permissionFromMessage(detail.message);
      const which = permission ? `the "${permission}" permission` : 'a permission this request needs';
      return new ElevenLabsError(
        'missingPermissions',
        `The API key is valid but lacks ${which}. Enable it for this key in ElevenLabs (Developers → API Keys), ` +
          'or set a key that has it.',
        { ...details, ...(permission ? { permission } : {}) },
      );
    }
    case 'quota_exceeded':
      return new ElevenLabsError(
        'quotaExceeded',
        'Your ElevenLabs quota for this period is used up. It resets at the start of the next period, or raise it ' +
          'in your ElevenLabs subscription.',
        details,
      );
    default:
      return new ElevenLabsError(
        'unauthorized',
        `ElevenLabs refused the request (HTTP ${status}${detail?.status ? `, ${detail.status}` : ''}). ${SET_KEY_HINT}`,
        details,
      );
  }
}

function nonJsonError(response: FailedResponse): ElevenLabsError {
  const { status, bodyText, traceId } = response;
  const what = bodyText.trim() === '' ? 'an empty answer' : looksLikeHtml(bodyText) ? 'an HTML page' : 'an unreadable answer';
  const when = status >= 500 ? 'ElevenLabs or a proxy in between may be having an outage; try again in a few minutes.' : 'Check elevenlabsUsage.apiBaseUrl points at the ElevenLabs API, or try again later.';
  return new ElevenLabsError('notJson', `ElevenLabs sent ${what} instead of data (HTTP ${status}). ${when}`, {
    status,
    traceId,
    ...(response.retryAfterMs !== undefined ? { retryAfterMs: response.retryAfterMs } : {}),
  });
}

/**
 * The error for a non-2xx answer (or a 200 that is not JSON). `apiKey` is only used to scrub the result, in
 * case a proxy echoes request headers back into any field that is quoted.
 */
export function errorFromResponse(response: FailedResponse, apiKey: string | undefined): ElevenLabsError {
  return withoutSecret(mapResponse(response), apiKey);
}

function mapResponse(response: FailedResponse): ElevenLabsError {
  const { status, traceId, retryAfterMs } = response;
  const body = tryParseJson(response.bodyText);
  if (body === undefined && !(status >= 500 && !looksLikeHtml(response.bodyText))) {
    // An HTML page or garbage where JSON belongs. (A 5xx in plain text, as uvicorn sends for a crash, is
    // simply a server error.)
    return nonJsonError(response);
  }
  const detail = statusDetail(body);
  const serviceMessage = detail?.message;
  if (status === 401 || status === 403) {
    return authError(status, detail, traceId);
  }
  if (status === 422 || status === 400) {
    const issues = validationIssues(body);
    const listed = issues.length > 0 ? issues.map((i) => `${i.location}: ${i.message}`).join('; ') : serviceMessage ?? 'no reason given';
    return new ElevenLabsError('validation', `ElevenLabs refused the query parameters (${listed}).`, {
      status,
      traceId,
      issues,
    });
  }
  const common = {
    status,
    traceId,
    ...(detail?.status ? { serviceStatus: detail.status } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
  if (status === 429) {
    const wait = retryAfterMs !== undefined ? ` It asked to wait ${seconds(retryAfterMs)}.` : '';
    const why = detail?.status === 'system_busy' ? 'is busy' : 'is limiting how many requests run at once';
    return new ElevenLabsError('rateLimited', `ElevenLabs ${why} (HTTP 429).${wait} The extension will retry later.`, common);
  }
  let kind: ElevenLabsErrorKind = 'http';
  let message = `ElevenLabs answered with HTTP ${status}${serviceMessage ? `: ${serviceMessage}` : ''}.`;
  if (status >= 500) {
    kind = 'server';
    message = `ElevenLabs had a server error (HTTP ${status}). Try again in a few minutes.`;
  }
  return new ElevenLabsError(kind, message, common);
}
