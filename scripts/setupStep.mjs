// The set-up steps of `npm start` and `npm test` (apt-get, npm ci, Node and code-server from npm, node-gyp) say
// one line each on screen: what runs, how long it usually takes, and where its output goes. The tools' own
// output (hundreds of lines of npm, node-gyp and compiler warnings) goes to that log file only, and is shown
// (its tail) when the step fails. Uses nothing but Node's own modules: it runs before node_modules exists.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SETUP_LOG_DIR = path.join(REPO_ROOT, 'test-results', 'setup');
/** How many lines of a failed step's log are printed. */
const TAIL_LINES = 80;

/** A step's log file: opened for appending by the commands of one step, one after another. */
export class StepLog {
  /** @param {string} name e.g. "apt" → test-results/setup/apt.log */
  constructor(name) {
    fs.mkdirSync(SETUP_LOG_DIR, { recursive: true });
    this.file = path.join(SETUP_LOG_DIR, `${name}.log`);
    fs.writeFileSync(this.file, '');
  }

  get shownPath() {
    return path.relative(process.cwd(), this.file) || this.file;
  }

  write(text) {
    fs.appendFileSync(this.file, text);
  }

  /** The last `lines` lines, for the screen. */
  tail(lines = TAIL_LINES) {
    const all = fs.readFileSync(this.file, 'utf8').replace(/\s+$/, '').split('\n');
    return { lines: all.slice(-lines), omitted: Math.max(0, all.length - lines) };
  }
}

/**
 * Runs a command with its output going to `log` (stdin closed). Rejects when it exits non-zero.
 * @param {StepLog} log
 * @param {string} command
 * @param {string[]} args
 * @param {{cwd?: string, env?: NodeJS.ProcessEnv}} [options]
 */
export function runLogged(log, command, args, options = {}) {
  return new Promise((resolve, reject) => {
    log.write(`\n$ ${command} ${args.join(' ')}\n`);
    const out = fs.openSync(log.file, 'a');
    let child;
    try {
      child = spawn(command, args, { cwd: options.cwd ?? REPO_ROOT, env: options.env ?? process.env, stdio: ['ignore', out, out] });
    } finally {
      fs.closeSync(out);
    }
    child.on('error', (error) => reject(new Error(`cannot run ${command}: ${error.message}`)));
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(command)} ${args.slice(0, 3).join(' ')}${args.length > 3 ? ' …' : ''} exited with ${signal ?? code}`));
    });
  });
}

function seconds(ms) {
  return `${Math.max(1, Math.round(ms / 1000))} s`;
}

/**
 * Runs one set-up step quietly:
 *   [setup] code-server 4.139.1 (VS Code 1.139.1), compiling 7 native modules: usually 2 min (log: test-results/setup/code-server.log) ... done in 95 s
 * On failure it prints the tail of the log and rethrows.
 * @template T
 * @param {{tag: string, title: string, usually: string, log: StepLog}} step
 * @param {() => Promise<T>} body
 * @returns {Promise<T>}
 */
export async function setupStep({ tag, title, usually, log }, body) {
  const started = Date.now();
  const head = `${tag} ${title}: usually ${usually} (log: ${log.shownPath}) ...`;
  // On a terminal the result ends the same line; in a CI log each part is a line of its own.
  const tty = process.stdout.isTTY;
  if (tty) process.stdout.write(head);
  else console.log(head);
  try {
    const value = await body();
    const done = `done in ${seconds(Date.now() - started)}`;
    if (tty) process.stdout.write(` ${done}\n`);
    else console.log(`${tag}   ${done}`);
    return value;
  } catch (error) {
    if (tty) process.stdout.write(' FAILED\n');
    const { lines, omitted } = log.tail();
    console.error(`${tag} ${title} FAILED after ${seconds(Date.now() - started)}: ${error.message}`);
    console.error(`${tag} ${omitted > 0 ? `last ${lines.length} lines of` : 'all of'} ${log.shownPath}:`);
    for (const line of lines) console.error(`    ${line}`);
    throw error;
  }
}
