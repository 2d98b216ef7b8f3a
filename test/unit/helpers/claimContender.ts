// A process that contends for claims, as a second VS Code window's extension host would: started by
// test/unit/status/quotaAlerts.test.ts as `node claimContender.js FOLDER OWNER START_AT_MS NAME...`, it waits until
// START_AT_MS (so that every contender starts at the same moment), claims every NAME at once through FileClaims
// (the claims run side by side in libuv's thread pool, as a busy extension host's would) and prints the names it
// won as JSON.
import { FileClaims } from '../../../src/status/schedule/fileClaims';

async function main(): Promise<void> {
  const [folder, owner, startAt, ...names] = process.argv.slice(2);
  if (!folder || !owner || !startAt) {
    throw new Error('usage: claimContender FOLDER OWNER START_AT_MS NAME...');
  }
  const claims = new FileClaims(folder, owner);
  const wait = Number(startAt) - Date.now();
  if (wait > 0) {
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  const results = await Promise.all(names.map(async (name) => ((await claims.claim(name)) ? name : undefined)));
  process.stdout.write(JSON.stringify(results.filter((name) => name !== undefined)));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
