import * as assert from 'node:assert/strict';
import { checkBaseUrl, isLoopbackHost } from '../../src/api/baseUrl';
import { ElevenLabsError } from '../../src/api/errors';

function refusal(raw: string): string {
  try {
    checkBaseUrl(raw);
  } catch (error) {
    assert.ok(error instanceof ElevenLabsError);
    assert.equal(error.kind, 'invalidBaseUrl');
    return error.message;
  }
  assert.fail(`${raw} was accepted`);
}

describe('API base URL', () => {
  it('accepts https hosts and normalises the trailing slash', () => {
    assert.equal(checkBaseUrl('https://api.eu.residency.elevenlabs.io/'), 'https://api.eu.residency.elevenlabs.io');
    assert.equal(checkBaseUrl(' https://proxy.example.com/eleven/ '), 'https://proxy.example.com/eleven');
  });

  it('accepts plain http only for this machine', () => {
    assert.equal(checkBaseUrl('http://127.0.0.1:8080'), 'http://127.0.0.1:8080');
    assert.equal(checkBaseUrl('http://localhost:3000'), 'http://localhost:3000');
    assert.equal(checkBaseUrl('http://[::1]:3000'), 'http://[::1]:3000');
    assert.match(refusal('http://api.elevenlabs.io'), /Refusing to send your API key over plain http to api\.elevenlabs\.io/);
    assert.match(refusal('http://127.evil.example.com'), /plain http/);
    assert.match(refusal('http://192.168.1.10'), /plain http/);
  });

  it('refuses other schemes, credentials, queries and non-URLs with what to do', () => {
    assert.match(refusal('ftp://api.elevenlabs.io'), /must start with https:\/\//);
    assert.match(refusal('https://user:pw@api.elevenlabs.io'), /must not carry a user name/);
    assert.match(refusal('https://api.elevenlabs.io/?x=1'), /must not carry/);
    assert.match(refusal('api.elevenlabs.io'), /is not a URL \(it has \d+ characters and no scheme such as https:\/\/\)\. Set it to e\.g\. https:\/\/api\.elevenlabs\.io/);
  });

  it('knows loopback addresses', () => {
    assert.ok(isLoopbackHost('127.0.0.1'));
    assert.ok(isLoopbackHost('127.1.2.3'));
    assert.ok(isLoopbackHost('[::1]'));
    assert.ok(!isLoopbackHost('10.0.0.1'));
    assert.ok(!isLoopbackHost('localhost.example.com'));
  });
});
