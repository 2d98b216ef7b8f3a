// One error type for everything that can go wrong between a query and a usable answer. Each kind has its own
// message written for the person reading it, saying what happened and what to do. No message ever contains
// the API key: messages are built from our own text and from fields of the service's error body, and the
// client passes anything taken from a response through `redact` before it lands here.

import * as l10n from '@vscode/l10n';
import { mayHoldSecret, redactSecrets } from './serviceText';

export type ElevenLabsErrorKind =
  /** The query was refused before sending: it would certainly fail or mean something else than intended. */
  | 'invalidQuery'
  /** The base URL setting cannot be used (bad URL, plain http to a remote host). */
  | 'invalidBaseUrl'
  /** 401 invalid_api_key. */
  | 'invalidApiKey'
  /** 401 needs_authorization: no key was sent. */
  | 'needsAuthorization'
  /** 401 missing_permissions: a restricted key lacks a permission (named in `permission` when known). */
  | 'missingPermissions'
  /** 401 quota_exceeded. */
  | 'quotaExceeded'
  /** Any other 401/403. */
  | 'unauthorized'
  /** 422: the service refused the parameters (each `loc` and `msg` in `issues`). */
  | 'validation'
  /** 429: too many requests or system busy. */
  | 'rateLimited'
  /** 5xx, whatever the body (JSON, plain text, a proxy's HTML page, nothing). */
  | 'server'
  /** Any other unexpected HTTP status. */
  | 'http'
  /** No answer within the timeout, or 408 from the service. */
  | 'timeout'
  /** The request never reached the service (DNS, refused connection, reset). */
  | 'offline'
  /** The caller cancelled. */
  | 'cancelled'
  /** The body of a 2xx or 4xx was not JSON: an HTML page (a wrong address), an empty body, a cut-off answer. */
  | 'notJson'
  /** The body was larger than the client reads (MAX_BODY_BYTES): reading stopped there. */
  | 'tooLarge'
  /** JSON that breaks the contract: missing fields, arrays that do not line up, non-numbers. */
  | 'badShape';

export interface ValidationIssue {
  /** Where the problem is, e.g. "query.start_unix". */
  readonly location: string;
  readonly message: string;
}

export interface ElevenLabsErrorDetails {
  readonly status?: number;
  /** The service's machine-readable status, e.g. "invalid_api_key" or "system_busy". */
  readonly serviceStatus?: string;
  /** For missingPermissions: the permission the key lacks, e.g. "user_read". */
  readonly permission?: string;
  /** For validation and invalidQuery: every problem found. */
  readonly issues?: readonly ValidationIssue[];
  /** For rateLimited (and 5xx with the header): how long the service asked us to wait. */
  readonly retryAfterMs?: number;
  /** The service's x-trace-id, worth quoting to ElevenLabs support. */
  readonly traceId?: string;
}

/**
 * The extension host's code is in two bundles (dist/extension.js, and dist/chart.js loaded when a chart first
 * opens), each with its own copy of these classes, and errors do cross (a keyring failure met by the chart's
 * key lookup). So identity is a brand in the global symbol registry, shared by both copies, not the class
 * object: `instanceof` reads the brand (Symbol.hasInstance), and so do the checks below.
 */
const ELEVENLABS_ERROR = Symbol.for('elevenlabs-usage.ElevenLabsError');
/** Marks errors of ours whose message is written for the person reading it: safe and useful to show. */
const USER_FACING = Symbol.for('elevenlabs-usage.userFacing');

function hasBrand(value: unknown, brand: symbol): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}

/** Whether `error` is one of ours with a message for the user (an ElevenLabsError, a keyring failure). */
export function isUserFacing(error: unknown): error is Error {
  return error instanceof Error && hasBrand(error, USER_FACING);
}

/** The base of errors whose message is for the user; other layers' errors (the keyring's) extend it. */
export class UserFacingError extends Error {
  readonly [USER_FACING] = true;
}

export class ElevenLabsError extends UserFacingError {
  override readonly name = 'ElevenLabsError';
  readonly [ELEVENLABS_ERROR] = true;

  /** True for an ElevenLabsError of either bundle. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, ELEVENLABS_ERROR);
  }
  readonly status: number | undefined;
  readonly serviceStatus: string | undefined;
  readonly permission: string | undefined;
  readonly issues: readonly ValidationIssue[];
  readonly retryAfterMs: number | undefined;
  readonly traceId: string | undefined;

  constructor(
    readonly kind: ElevenLabsErrorKind,
    message: string,
    details: ElevenLabsErrorDetails = {},
  ) {
    super(message);
    this.status = details.status;
    this.serviceStatus = details.serviceStatus;
    this.permission = details.permission;
    this.issues = details.issues ?? [];
    this.retryAfterMs = details.retryAfterMs;
    this.traceId = details.traceId;
  }


  /** Whether the fix is a different API key. */
  get isAuthProblem(): boolean {
    return ['invalidApiKey', 'needsAuthorization', 'missingPermissions', 'unauthorized'].includes(this.kind);
  }
}

export function isElevenLabsError(value: unknown): value is ElevenLabsError {
  return value instanceof ElevenLabsError;
}

/**
 * The same error with the secret scrubbed from every text field. Applied to errors built from a response,
 * where any field may quote what a proxy echoed back.
 */
export function withoutSecret(error: ElevenLabsError, secret: string | undefined): ElevenLabsError {
  if (!secret) {
    return error;
  }
  const scrub = (text: string | undefined): string | undefined => (text === undefined ? undefined : redact(text, secret));
  return new ElevenLabsError(error.kind, redact(error.message, secret), {
    ...(error.status !== undefined ? { status: error.status } : {}),
    ...(error.serviceStatus !== undefined ? { serviceStatus: scrub(error.serviceStatus)! } : {}),
    ...(error.permission !== undefined ? { permission: scrub(error.permission)! } : {}),
    issues: error.issues.map((issue) => ({ location: redact(issue.location, secret), message: redact(issue.message, secret) })),
    ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    ...(error.traceId !== undefined ? { traceId: scrub(error.traceId)! } : {}),
  });
}

/** " (HTTP 403)" after a sentence about a failure, or nothing when no status came. */
export function httpStatusWords(error: Pick<ElevenLabsError, 'status'>): string {
  return error.status === undefined ? '' : l10n.t(' (HTTP {0})', error.status);
}

/**
 * The message to show for a failure: that of one of our errors written for the user (an ElevenLabsError, a
 * keyring failure), from either bundle; `fallback` for anything else, whose text is not ours to show.
 */
export function describeFailure(error: unknown, fallback: string): string {
  return isUserFacing(error) ? error.message : fallback;
}

/** Replaces every occurrence of the secret in `text`; a no-op for empty secrets. */
export function redact(text: string, secret: string | undefined): string {
  if (!secret) {
    return text;
  }
  // The whole key, and any part of it of MIN_KEY_FRAGMENT characters or more (a message cut through the key, a
  // series name made of part of it), and anything shaped like a key.
  return mayHoldSecret(text, secret) ? redactSecrets(text, secret, Number.POSITIVE_INFINITY) : text;
}
