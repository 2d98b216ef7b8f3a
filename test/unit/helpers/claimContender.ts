// A process that contends for claims, as a second VS Code window's extension host would: started by
// test/unit/status/quotaAlerts.test.ts as `node claimContender.js FOLDER OWNER NAME...`, it says "ready" once loaded
// and waits for a line on its standard input (the test sends it to every contender once all are ready, so that
// they start together however slowly each process started: no clock is involved), then claims every NAME at once
// through FileClaims (the claims run side by side in libuv's thread pool, as a busy extension host's would) and
// prints the names it won as JSON on the next line.
import { FileClaims } from '../../../src/status/schedule/fileClaims';

async function main(): Promise<void> {
  const [folder, owner, ...names] = process.argv.slice(2);
  if (!folder || !owner) {
    throw new Error('usage: claimContender FOLDER OWNER NAME...');
  }
  const claims = new FileClaims(folder, owner);
  const go = new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  process.stdout.write('ready\n');
  await go;
  process.stdin.pause();
  const results = await Promise.all(names.map(async (name) => ((await claims.claim(name)) ? name : undefined)));
  process.stdout.write(JSON.stringify(results.filter((name) => name !== undefined)));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
