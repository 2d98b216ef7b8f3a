import * as assert from 'node:assert/strict';
import { checkBaseUrl, hostKind, isElevenLabsHost, isLoopbackHost } from '../../../src/api/baseUrl';
import { ElevenLabsError } from '../../../src/api/errors';

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

  it('tells ElevenLabs\u2019 hosts from look-alikes, which are allowed but named as another host', () => {
    for (const host of ['api.elevenlabs.io', 'API.ElevenLabs.io', 'api.eu.residency.elevenlabs.io', 'elevenlabs.io', 'api.elevenlabs.io.']) {
      assert.ok(isElevenLabsHost(host), host);
    }
    for (const host of ['api.elevenlabs.io.evil.example', 'evilelevenlabs.io', 'elevenlabs.io-proxy.example', 'api-elevenlabs.io', 'elevenlabs.com']) {
      assert.ok(!isElevenLabsHost(host), host);
    }
    assert.equal(hostKind(checkBaseUrl('https://api.elevenlabs.io.evil.example')), 'other');
    assert.equal(hostKind(checkBaseUrl('https://api.sg.residency.elevenlabs.io')), 'elevenlabs');
    assert.equal(hostKind(checkBaseUrl('http://127.0.0.1:8080')), 'loopback');
  });

  it('never quotes a key pasted into the setting, whatever form it takes', () => {
    const key = 'sk_9c41e07b5d2a8f63c1e4b7a90d5f28e6b3a17c4d9e02f8b5';
    for (const raw of [key, ` ${key} `, `http://${key}`, `https://${key}`, `https://${key}.example.com`, `https://proxy.example.com/${key}`, `http://${key}:8080/v1`, `ftp://${key}`, `https://x:${key}@api.elevenlabs.io`, `https://api.elevenlabs.io/?xi-api-key=${key}`]) {
      const message = refusal(raw);
      assert.ok(!message.includes(key.slice(3, 15)), `${raw}: ${message}`);
    }
    assert.match(refusal(`https://${key}`), /holds something shaped like an API key/);
  });

  it('knows loopback addresses', () => {
    assert.ok(isLoopbackHost('127.0.0.1'));
    assert.ok(isLoopbackHost('127.1.2.3'));
    assert.ok(isLoopbackHost('[::1]'));
    assert.ok(!isLoopbackHost('10.0.0.1'));
    assert.ok(!isLoopbackHost('localhost.example.com'));
  });
});
