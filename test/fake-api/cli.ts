// `node out/test/fake-api/cli.js [--port N] [--seed N] [--latency MS] [--limit CREDITS] [--used PERCENT]
// [--period monthly_period|3_month_period|6_month_period|annual_period] [--reset-tomorrow] [--extension CREDITS|unlimited]`:
// runs the fake API for manual testing of the extension (point its base URL at the printed address and use the
// demo key). --used 91 puts the quota at 91% (112 in overage); --reset-tomorrow moves the reset to 08:14 UTC
// tomorrow.

import { DEMO_KEY, startFakeApi } from './server';

function numberFlag(args: readonly string[], name: string): number | undefined {
  const index = args.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (index < 0) {
    return undefined;
  }
  const arg = args[index];
  const raw = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[index + 1];
  const value = Number(raw);
  if (raw === undefined || !Number.isInteger(value) || value < 0) {
    throw new Error(`--${name} needs a whole number, got ${raw ?? 'nothing'}`);
  }
  return value;
}

function textFlag(args: readonly string[], name: string): string | undefined {
  const index = args.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (index < 0) {
    return undefined;
  }
  const arg = args[index];
  const raw = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[index + 1];
  if (raw === undefined || raw.startsWith('--')) {
    throw new Error(`--${name} needs a value`);
  }
  return raw;
}

function tomorrowMorningUtc(nowMs: number): number {
  const now = new Date(nowMs);
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 8, 14, 26);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const latencyMs = numberFlag(args, 'latency');
  const usedPercent = numberFlag(args, 'used');
  const extension = textFlag(args, 'extension');
  if (extension !== undefined && extension !== 'unlimited' && !/^\d+$/.test(extension)) {
    throw new Error(`--extension needs a whole number of credits or "unlimited", got ${extension}`);
  }
  const api = await startFakeApi({
    port: numberFlag(args, 'port') ?? 0,
    seed: numberFlag(args, 'seed'),
    characterLimit: numberFlag(args, 'limit'),
    usedFraction: usedPercent === undefined ? undefined : usedPercent / 100,
    billingPeriod: textFlag(args, 'period'),
    nextResetMs: args.includes('--reset-tomorrow') ? tomorrowMorningUtc(Date.now()) : undefined,
    maxCreditLimitExtension: extension === undefined ? undefined : extension === 'unlimited' ? 'unlimited' : Number(extension),
    faults: latencyMs === undefined ? {} : { latencyMs },
  });
  process.stdout.write(
    `Fake ElevenLabs API on ${api.url}\nDemo key: ${DEMO_KEY}\nRestricted key (no user_read): ${api.restrictedKey}\n`,
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
