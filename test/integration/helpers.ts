// Shared pieces of the in-host tests: the extension's API, a fake ElevenLabs API per suite, and stand-ins for
// the few prompts that only a person can answer (the end-to-end tests answer them for real in the browser).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ElevenLabsUsageApi } from '../../src/extension';
import { startFakeApi, type FakeApi, type FakeApiOptions } from '../fake-api/server';

export const EXTENSION_ID = 'elevenlabs-usage.elevenlabs-usage';

export async function extensionApi(): Promise<ElevenLabsUsageApi> {
  const extension = vscode.extensions.getExtension<ElevenLabsUsageApi>(EXTENSION_ID);
  assert.ok(extension, 'extension not found');
  return extension.activate();
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Starts a fake API for the suite and points the extension at it through the user setting. A test may replace
 * `api` (e.g. restart it on the same port); the suite closes whichever is there at the end.
 */
export function useFakeApi(options: FakeApiOptions = {}): { api: FakeApi } {
  const holder = {} as { api: FakeApi };
  before(async () => {
    holder.api = await startFakeApi(options);
    await vscode.workspace.getConfiguration('elevenlabsUsage').update('apiBaseUrl', holder.api.url, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('elevenlabsUsage').update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
    await holder.api?.close();
  });
  return holder;
}

type WindowApi = typeof vscode.window;

/**
 * Replaces a vscode.window prompt for the duration of a test. The test files live in the extension's folder, so
 * VS Code hands them the extension's own API object and the extension sees the stand-in.
 */
export function answerPrompt<K extends keyof WindowApi>(name: K, answer: WindowApi[K]): { restore(): void; calls: unknown[][] } {
  const window = vscode.window as unknown as Record<string, unknown>;
  const original = window[name as string];
  const calls: unknown[][] = [];
  window[name as string] = (...args: unknown[]) => {
    calls.push(args);
    return (answer as unknown as (...a: unknown[]) => unknown)(...args);
  };
  return {
    calls,
    restore: () => {
      window[name as string] = original;
    },
  };
}

/** Types `key` into the Set API Key box (the prompt answered by a stand-in) and returns the command's result. */
export async function setKeyThroughCommand(key: string): Promise<string> {
  const prompt = answerPrompt('showInputBox', (async () => key) as WindowApi['showInputBox']);
  try {
    return await vscode.commands.executeCommand<string>('elevenlabsUsage.setApiKey');
  } finally {
    prompt.restore();
  }
}

/** Removes the stored key, confirming the modal dialog. */
export async function removeKeyThroughCommand(): Promise<void> {
  const confirm = answerPrompt('showWarningMessage', (async () => 'Remove Key') as unknown as WindowApi['showWarningMessage']);
  try {
    await vscode.commands.executeCommand('elevenlabsUsage.removeApiKey');
  } finally {
    confirm.restore();
  }
}

/**
 * Local midnight of today in `timeZone`, worked out with Intl rather than with the Date methods the extension
 * uses, so the test does not share the code it checks.
 */
export function localMidnight(nowMs: number, timeZone: string): number {
  const parts = (ms: number) =>
    Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
        .formatToParts(ms)
        .filter((p) => p.type !== 'literal')
        .map((p) => [p.type, Number(p.value)]),
    ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
  const today = parts(nowMs);
  const wallMidnightAsUtc = Date.UTC(today.year, today.month - 1, today.day);
  // The zone's offset at that moment: the difference between its wall clock and UTC.
  let guess = wallMidnightAsUtc;
  for (let i = 0; i < 3; i++) {
    const p = parts(guess);
    const offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - guess;
    guess = wallMidnightAsUtc - offset;
  }
  return guess;
}
