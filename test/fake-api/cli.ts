// `node out/test/fake-api/cli.js [--port N] [--seed N] [--latency MS] [--limit CREDITS]`: runs the fake API for
// manual testing of the extension (point its base URL at the printed address and use the demo key).

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

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const latencyMs = numberFlag(args, 'latency');
  const api = await startFakeApi({
    port: numberFlag(args, 'port') ?? 0,
    seed: numberFlag(args, 'seed'),
    characterLimit: numberFlag(args, 'limit'),
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
