import * as assert from 'node:assert/strict';
import { errorFromResponse, parseRetryAfter, permissionFromMessage } from '../../../src/api/responseErrors';

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

  it('names at most five fields of a 422 of ten thousand, and says how many more', () => {
    const detail = Array.from({ length: 10_000 }, (_, i) => ({ type: 'missing', loc: ['query', `field_${i}`], msg: 'Field required' }));
    const error = fromBody(422, { detail });
    assert.equal(error.issues.length, 5);
    assert.match(error.message, /query\.field_4: Field required; and 9,995 more\)\.$/);
    assert.ok(error.message.length < 400, `${error.message.length} characters`);
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

  it('maps by status first: a 5xx is a server error whatever its body, and says what the body was', () => {
    assert.equal(fromBody(503, { detail: 'down' }).kind, 'server');
    assert.equal(fromBody(500, 'Internal Server Error').message, 'ElevenLabs had a server error (HTTP 500). Try again in a few minutes.');
    const html = fromBody(502, '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>');
    assert.equal(html.kind, 'server');
    assert.equal(html.status, 502);
    assert.equal(html.message, 'ElevenLabs had a server error (HTTP 502; an HTML page came instead of data, from a proxy in between). Try again in a few minutes.');
    const empty = fromBody(503, '', 30_000);
    assert.equal(empty.kind, 'server');
    assert.equal(empty.retryAfterMs, 30_000);
    assert.match(empty.message, /server error \(HTTP 503; an empty answer\)/);
    assert.doesNotMatch(html.message + empty.message, /apiBaseUrl/, 'an outage is not a wrong base URL');
  });

  it('maps by status first: a 429 is a rate limit whatever its body, with the wait it asked for', () => {
    for (const body of ['<html><head><title>429 Too Many Requests</title></head></html>', '']) {
      const error = fromBody(429, body, 120_000);
      assert.equal(error.kind, 'rateLimited');
      assert.equal(error.retryAfterMs, 120_000);
      assert.equal(error.message, 'ElevenLabs is limiting requests (HTTP 429). It asked to wait 120 seconds. The extension will retry later.');
    }
  });

  it('maps 408 to a timeout of the service, which the client retries', () => {
    for (const body of ['', { detail: { status: 'request_timeout', message: 'Request Timeout.' } }]) {
      const error = fromBody(408, body);
      assert.equal(error.kind, 'timeout');
      assert.equal(error.status, 408);
      assert.match(error.message, /^ElevenLabs timed out waiting for the request \(HTTP 408\)\. Try again in a few minutes\.$/);
    }
  });

  it('still takes a page or garbage with any other status for a wrong address', () => {
    const page = fromBody(404, '<html><body><h1>404 Not Found</h1></body></html>');
    assert.equal(page.kind, 'notJson');
    assert.match(page.message, /an HTML page instead of data \(HTTP 404\)\. Check elevenlabsUsage\.apiBaseUrl/);
    assert.match(fromBody(200, '').message, /sent an empty answer/);
    assert.match(fromBody(200, '{"time": [1, 2').message, /unreadable answer instead of data \(HTTP 200\)/);
  });

  it('quotes text from the service on one line, shortened, and with no link in it', () => {
    const hostile = '[Open settings](command:workbench.action.openSettings) or [see](https://example.com/x)';
    const messages = [
      fromBody(418, { detail: { status: 'x', message: `first line\n${hostile}` } }),
      fromBody(422, { detail: [{ loc: ['query', '[a](command:x)'], msg: hostile }] }),
      fromBody(401, { detail: { status: hostile, message: 'x' } }),
      fromBody(400, { detail: hostile }),
    ].map((error) => error.message);
    for (const message of messages) {
      assert.doesNotMatch(message, /\]\(/, message);
      assert.match(message, /\[Open settings\] \(command:workbench\.action\.openSettings\)/, 'the text stays readable');
      assert.doesNotMatch(message, /\n/);
    }
    assert.match(messages[0]!, /^ElevenLabs answered with HTTP 418: first line \[Open settings\]/);
    const long = fromBody(418, { detail: { message: 'x'.repeat(10_000) } }).message;
    assert.ok(long.length < 400, `${long.length} characters`);
    assert.match(long, /x…\.$/);
  });

  it('leaves no link when the key is echoed next to link syntax and then redacted', () => {
    // "[redacted]" is what replaces the key: followed by "(command:...)" it would make a link of its own.
    const error = fromBody(418, { detail: { message: `${KEY}(command:workbench.action.openSettings)` } });
    assert.ok(!error.message.includes(KEY));
    assert.doesNotMatch(error.message, /\]\(/, error.message);
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
