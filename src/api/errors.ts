// One error type for everything that can go wrong between a query and a usable answer. Each kind has its own
// message written for the person reading it, saying what happened and what to do. No message ever contains
// the API key: messages are built from our own text and from fields of the service's error body, and the
// client passes anything taken from a response through `redact` before it lands here.

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

export class ElevenLabsError extends Error {
  override readonly name = 'ElevenLabsError';
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

/**
 * The message to show for a failure: an ElevenLabsError's own, a keyring failure's (recognised by name, since it
 * may come from the other bundle or the vscode layer), or `fallback` for anything else, whose text is not ours
 * to show.
 */
export function describeFailure(error: unknown, fallback: string): string {
  if (isElevenLabsError(error) || (error instanceof Error && error.name === 'KeyringError')) {
    return error.message;
  }
  return fallback;
}

/** Replaces every occurrence of the secret in `text`; a no-op for empty secrets. */
export function redact(text: string, secret: string | undefined): string {
  if (!secret) {
    return text;
  }
  return text.split(secret).join('[redacted]');
}
