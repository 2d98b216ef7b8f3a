// How the fake writes responses: the headers and error bodies the real service (uvicorn behind a proxy) sends,
// so a client tested against the fake has met the same shapes it will meet in production.

import { randomBytes } from 'node:crypto';
import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { FaultBody } from './faults';

/** An error body of the real service: {"detail": {"status": ..., "message": ...}}. */
export function statusDetail(status: string, message: string): { detail: { status: string; message: string } } {
  return { detail: { status, message } };
}

export const NEEDS_AUTHORIZATION = statusDetail(
  'needs_authorization',
  'Neither authorization header nor xi-api-key received, please provide one.',
);
export const INVALID_API_KEY = statusDetail('invalid_api_key', 'Invalid API key');
export const MISSING_USER_READ = statusDetail(
  'missing_permissions',
  'The API key you used is missing the permission user_read to execute this operation.',
);
/**
 * What the fake's successor answers a key without its permission: the service's usual missing_permissions shape,
 * as a 403 (the real answer is not documented; `workspace_analytics_full_read` is among the keys' permissions).
 */
export const MISSING_ANALYTICS_READ = statusDetail(
  'missing_permissions',
  'The API key you used is missing the permission workspace_analytics_full_read to execute this operation.',
);
/** What the fake answers a member's key asking for the whole workspace's usage (the real answer is not documented). */
export const NOT_WORKSPACE_ADMIN = statusDetail('not_workspace_admin', 'Only workspace admins can read the usage of the whole workspace.');
export const TOO_MANY_CONCURRENT_REQUESTS = statusDetail(
  'too_many_concurrent_requests',
  'Too many concurrent requests. Your current subscription is associated with a maximum of 5 concurrent requests running in parallel.',
);
export const NOT_FOUND = { detail: 'Not Found' };
export const METHOD_NOT_ALLOWED = { detail: 'Method Not Allowed' };

/** What a proxy in front of the service answers when the service is down. */
export const PROXY_502_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
  '<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n';

/** A JSON document cut off mid-array, as a dropped connection behind a buffering proxy can deliver. */
export const MALFORMED_JSON = '{"time":[1738252091000,1739404800000],"usage":{"All":[49,10';

function serviceHeaders(contentType: string, body: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-length': String(Buffer.byteLength(body)),
    server: 'uvicorn',
    'x-trace-id': randomBytes(16).toString('hex'),
    'x-region': 'us-central1',
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
  sendText(res, status, 'application/json', JSON.stringify(body), extraHeaders);
}

export function sendText(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  extraHeaders: Record<string, string> = {},
): void {
  if (res.writableEnded || res.destroyed) {
    return;
  }
  res.writeHead(status, { ...serviceHeaders(contentType, body), ...extraHeaders });
  res.end(body);
}

/** A proxy's page: its own server header, no trace id. */
export function sendProxyPage(res: ServerResponse): void {
  if (res.writableEnded || res.destroyed) {
    return;
  }
  res.writeHead(502, {
    'content-type': 'text/html',
    'content-length': String(Buffer.byteLength(PROXY_502_PAGE)),
    server: 'cloudflare',
  });
  res.end(PROXY_502_PAGE);
}

/** The status's reason phrase, e.g. "Service Unavailable". */
function reason(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

/** A proxy's page for any status, in the style of nginx behind cloudflare. */
export function proxyPage(status: number): string {
  const title = `${status} ${reason(status)}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n`;
}

/** The service's JSON error body for a status: its 429 body, otherwise a status detail named after the status. */
export function serviceErrorBody(status: number): unknown {
  if (status === 429) {
    return TOO_MANY_CONCURRENT_REQUESTS;
  }
  return statusDetail(reason(status).toLowerCase().replace(/[^a-z]+/g, '_'), `${reason(status)}.`);
}

/** Chunks of a JSON body that never closes: `{"time":[0,0,0,...`. */
const ENDLESS_CHUNK = '0,'.repeat(32 * 1024);

/** Streams an endless body until the client hangs up (or the server closes the connection). */
function sendEndless(res: ServerResponse, status: number, headers: Record<string, string>): void {
  res.writeHead(status, { 'content-type': 'application/json', server: 'uvicorn', ...headers });
  res.write('{"time":[');
  const pump = (): void => {
    while (!res.destroyed && res.write(ENDLESS_CHUNK)) {
      // keep writing while the socket takes it
    }
    if (!res.destroyed) {
      res.once('drain', pump);
    }
  };
  res.on('error', () => undefined);
  pump();
}

/** Answers with the status and the body a fault switch asked for, and its Retry-After header as given. */
export function sendFaultAnswer(res: ServerResponse, status: number, body: FaultBody, retryAfter: string | undefined): void {
  if (res.writableEnded || res.destroyed) {
    return;
  }
  const extra: Record<string, string> = retryAfter === undefined ? {} : { 'retry-after': retryAfter };
  if (typeof body === 'object') {
    sendJson(res, status, body.json, extra);
    return;
  }
  switch (body) {
    case 'json':
      sendJson(res, status, serviceErrorBody(status), extra);
      return;
    case 'text':
      sendText(res, status, 'text/plain; charset=utf-8', reason(status), extra);
      return;
    case 'empty':
      res.writeHead(status, { 'content-length': '0', server: 'cloudflare', ...extra });
      res.end();
      return;
    case 'html': {
      const page = proxyPage(status);
      res.writeHead(status, { 'content-type': 'text/html', 'content-length': String(Buffer.byteLength(page)), server: 'cloudflare', ...extra });
      res.end(page);
      return;
    }
    case 'endless':
      sendEndless(res, status, extra);
      return;
  }
}
