import * as assert from 'node:assert/strict';
import { errorFromResponse, parseRetryAfter, permissionFromMessage } from '../../src/api/responseErrors';

const KEY = 'sk_live_super_secret_key_123';

function fromBody(status: number, body: unknown, retryAfterMs?: number) {
  const bodyText = typeof body === 'string' ? body : JSON.stringify(body);
  return errorFromResponse({ status, bodyText, retryAfterMs, traceId: 'trace-1' }, KEY);
}

describe('mapping error answers', () => {
  it('maps each 401 status of the real service to its own kind and message', () => {
    const invalid = fromBody(401, { detail: { status: 'invalid_api_key', message: 'Invalid API key' } });
    assert.equal(invalid.kind, 'invalidApiKey');
    assert.match(invalid.message, /rejected the API key as invalid\. Run "ElevenLabs: Set API Key"/);
    assert.equal(fromBody(401, { detail: { status: 'needs_authorization', message: 'x' } }).kind, 'needsAuthorization');
    assert.equal(fromBody(401, { detail: { status: 'quota_exceeded', message: 'x' } }).kind, 'quotaExceeded');
    assert.equal(fromBody(401, { detail: { status: 'something_new', message: 'x' } }).kind, 'unauthorized');
  });

  it('names the missing permission', () => {
    const error = fromBody(401, {
      detail: {
        status: 'missing_permissions',
        message: 'The API key you used is missing the permission user_read to execute this operation.',
      },
    });
    assert.equal(error.kind, 'missingPermissions');
    assert.equal(error.permission, 'user_read');
    assert.match(error.message, /valid but lacks the "user_read" permission/);
    assert.equal(permissionFromMessage('missing permissions: `usage_read`'), 'usage_read');
    assert.equal(permissionFromMessage('You do not have permissions to access this resource.'), undefined);
    assert.equal(permissionFromMessage('Missing permissions for this request'), undefined);
    const vague = fromBody(401, { detail: { status: 'missing_permissions', message: 'You do not have permissions to access this.' } });
    assert.match(vague.message, /lacks a permission this request needs/);
  });

  it('lists every loc and msg of a 422', () => {
    const error = fromBody(422, {
      detail: [
        { type: 'missing', loc: ['query', 'start_unix'], msg: 'Field required', input: null },
        { type: 'enum', loc: ['query', 'metric'], msg: "Input should be 'credits' or 'tts_characters'", input: 'x' },
      ],
    });
    assert.equal(error.kind, 'validation');
    assert.deepEqual(error.issues, [
      { location: 'query.start_unix', message: 'Field required' },
      { location: 'query.metric', message: "Input should be 'credits' or 'tts_characters'" },
    ]);
    assert.match(error.message, /query\.start_unix: Field required; query\.metric: Input should be/);
  });

  it('gives 429 the wait the service asked for', () => {
    const error = fromBody(429, { detail: { status: 'system_busy', message: 'busy' } }, 7000);
    assert.equal(error.kind, 'rateLimited');
    assert.equal(error.retryAfterMs, 7000);
    assert.match(error.message, /ElevenLabs is busy \(HTTP 429\)\. It asked to wait 7 seconds\./);
  });

  it('tells a server error from an HTML page and an empty body', () => {
    assert.equal(fromBody(503, { detail: 'down' }).kind, 'server');
    const html = fromBody(502, '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>');
    assert.equal(html.kind, 'notJson');
    assert.match(html.message, /sent an HTML page instead of data \(HTTP 502\).*outage/);
    assert.equal(fromBody(500, 'Internal Server Error').kind, 'server');
    assert.equal(fromBody(504, '').kind, 'server');
    assert.match(fromBody(200, '').message, /sent an empty answer/);
    assert.match(fromBody(200, '{"time": [1, 2').message, /unreadable answer instead of data \(HTTP 200\)/);
  });

  it('never quotes the key even when a proxy echoes it', () => {
    const error = fromBody(418, { detail: { message: `bad header xi-api-key: ${KEY}` } });
    assert.equal(error.kind, 'http');
    assert.ok(!error.message.includes(KEY), error.message);
    assert.match(error.message, /\[redacted\]/);
  });

  it('reads Retry-After as seconds or as a date', () => {
    assert.equal(parseRetryAfter('3', 0), 3000);
    assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:05 GMT', Date.UTC(2015, 9, 21, 7, 28, 0)), 5000);
    assert.equal(parseRetryAfter('soon', 0), undefined);
    assert.equal(parseRetryAfter(null, 0), undefined);
  });
});
