// The extension as an earlier commit packaged it, for the installed suite's upgrade test: the source of that commit
// from this repository's history (git archive), built with this checkout's node_modules (its dependencies are the
// same), its version set below ours as the release before would have had it, so that installing ours over it is an
// update as the Marketplace or `code --install-extension` makes one. Kept in dist/older/ by commit.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './harness.mjs';

/**
 * The last commit with a single key and host (before accounts, issue 20): its secret name and settings are what
 * a profile of that version holds.
 */
export const SINGLE_KEY_COMMIT = '1d5d629f99ef7c1ec8ba6f7b97b0b88e48a5a989';
/** The version the older package says it is: below ours, so ours is an update of it. */
export const OLDER_VERSION = '0.0.1';

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal}): ${(result.stderr || result.stdout).trim().slice(-800)}`);
  }
  return result.stdout;
}

/** The .vsix of `commit` (packaged once, then reused); throws, saying why, when the history lacks the commit. */
export function packageOlderVersion(commit = SINGLE_KEY_COMMIT) {
  const out = path.join(REPO_ROOT, 'dist', 'older', `elevenlabs-usage-${commit.slice(0, 12)}.vsix`);
  if (fs.existsSync(out)) return out;
  const known = spawnSync('git', ['cat-file', '-e', `${commit}^{commit}`], { cwd: REPO_ROOT });
  if (known.status !== 0) {
    throw new Error(`commit ${commit} (the single-key version the upgrade test installs first) is not in this clone's history; clone without --depth`);
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'elevenlabs-usage-older-'));
  try {
    const archive = path.join(work, 'source.tar');
    run('git', ['archive', '--format=tar', '-o', archive, commit], REPO_ROOT);
    const source = path.join(work, 'source');
    fs.mkdirSync(source);
    run('tar', ['-xf', archive, '-C', source], work);
    const manifestFile = path.join(source, 'package.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    fs.writeFileSync(manifestFile, JSON.stringify({ ...manifest, version: OLDER_VERSION }, null, 2));
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(source, 'node_modules'), 'dir');
    run('npm', ['run', '-s', 'package'], source);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.copyFileSync(path.join(source, 'dist', 'elevenlabs-usage.vsix'), out);
    return out;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
