// `npm run --silent SCRIPT` in the repository, output passed through, for the runners (tests, start, bench).
import { spawn } from 'node:child_process';
import { REPO_ROOT } from './paths.mjs';

/**
 * Resolves when the script exits 0; rejects otherwise. `tag` (e.g. "[e2e]") prefixes the line that says
 * what runs; without it nothing is printed.
 */
export function npmRun(script, tag) {
  return new Promise((resolve, reject) => {
    if (tag) console.log(`${tag} npm run ${script}`);
    const child = spawn('npm', ['run', '--silent', script], { cwd: REPO_ROOT, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`npm run ${script} failed (${signal ?? code})`))));
  });
}
