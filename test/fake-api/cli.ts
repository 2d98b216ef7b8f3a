// `node out/test/fake-api/cli.js [--port N] [--seed N] [--latency MS] [--limit CREDITS] [--used PERCENT]
// [--period monthly_period|3_month_period|6_month_period|annual_period] [--reset-tomorrow] [--extension CREDITS|unlimited]
// [--retire-character-stats 404|410]`: runs the fake API for manual testing of the extension (point its base URL at
// the printed address and use the demo key). --used 91 puts the quota at 91% (112 in overage); --reset-tomorrow
// moves the reset to 08:14 UTC tomorrow; --retire-character-stats answers character-stats as a retired endpoint
// (404 FastAPI's {"detail":"Not Found"}, or 410) while its successor, the analytics query, serves.

import { parseArgs } from 'node:util';
import { DEMO_KEY, startFakeApi } from './server';

/** A flag's whole-number value, or undefined when the flag is absent. */
function wholeNumber(values: Record<string, string | boolean | undefined>, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) {
    return undefined;
  }
  const value = Number(raw);
  if (typeof raw !== 'string' || !Number.isInteger(value) || value < 0) {
    throw new Error(`--${name} needs a whole number, got ${String(raw)}`);
  }
  return value;
}

function tomorrowMorningUtc(nowMs: number): number {
  const now = new Date(nowMs);
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 8, 14, 26);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      latency: { type: 'string' },
      limit: { type: 'string' },
      used: { type: 'string' },
      period: { type: 'string' },
      'reset-tomorrow': { type: 'boolean' },
      extension: { type: 'string' },
      'retire-character-stats': { type: 'string' },
    },
  });
  const retire = values['retire-character-stats'];
  if (retire !== undefined && retire !== '404' && retire !== '410') {
    throw new Error(`--retire-character-stats needs 404 or 410, got ${retire}`);
  }
  const latencyMs = wholeNumber(values, 'latency');
  const usedPercent = wholeNumber(values, 'used');
  const extension = values.extension;
  if (extension !== undefined && extension !== 'unlimited' && !/^\d+$/.test(extension)) {
    throw new Error(`--extension needs a whole number of credits or "unlimited", got ${extension}`);
  }
  const api = await startFakeApi({
    port: wholeNumber(values, 'port') ?? 0,
    seed: wholeNumber(values, 'seed'),
    characterLimit: wholeNumber(values, 'limit'),
    usedFraction: usedPercent === undefined ? undefined : usedPercent / 100,
    billingPeriod: values.period,
    nextResetMs: values['reset-tomorrow'] ? tomorrowMorningUtc(Date.now()) : undefined,
    maxCreditLimitExtension: extension === undefined ? undefined : extension === 'unlimited' ? 'unlimited' : Number(extension),
    faults: latencyMs === undefined ? {} : { latencyMs },
    ...(retire !== undefined ? { retireCharacterStats: retire === '404' ? 404 : 410 } : {}),
  });
  process.stdout.write(
    `Fake ElevenLabs API on ${api.url}\nDemo key: ${DEMO_KEY}\nRestricted key (no user_read): ${api.restrictedKey}\n` +
      (retire !== undefined ? `character-stats answers ${retire}, as a retired endpoint; the analytics query serves\n` : ''),
  );
  let stopping = false;
  const stop = (): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    api.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
