// Starts a fresh VS Code server (the server build inside code-server, run with the Node its release needs) on
// 127.0.0.1 and an ephemeral port, with HOME and XDG_* in a new temp folder, in its own process group.
// `--enable-smoke-test-driver` makes the workbench honour the `payload` URL parameter
// (extensionDevelopmentPath, extensionTestsPath, extensionEnvironment); see browser.mjs. For the extension as users
// install it, the server can first install a .vsix and take User settings and keybindings instead.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { releasePaths } from './paths.mjs';

const LISTENING = /listening on (\d+)/i;

/** Runs the server's CLI once (e.g. --install-extension) with the same folders and environment, and waits for it. */
function runServerCli({ nodeBin, serverMain }, args, env, cwd, log) {
  return new Promise((resolve, reject) => {
    const child = spawn(nodeBin, [serverMain, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        output += chunk;
        for (const line of chunk.split('\n')) if (line.trim()) log(line);
      });
    }
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`server ${args.join(' ')} exited with ${code}: ${output.trim().slice(-500)}`))));
  });
}

/**
 * @param {{
 *   env?: Record<string, string>,   extra environment for the server; its extension host inherits it
 *   log?: (line: string) => void,   receives every line the server prints (default: nothing)
 *   timeoutMs?: number,             how long to wait for "listening on N" (default 60 s)
 *   release?: 'current'|'oldest',   which VS Code (scripts/vscode/paths.mjs; default ELEVENLABS_USAGE_VSCODE or current)
 *   installExtensions?: string[],   .vsix files installed with --install-extension before the server starts, as a
 *                                   user installs them (they then run in production mode)
 *   userSettings?: object,          written to <user-data-dir>/User/settings.json, where a user's settings live
 *   keybindings?: object[],         written to <user-data-dir>/User/keybindings.json
 *   locale?: string,                --locale: the display language the web workbench (and so the extension host)
 *                                   speaks, as code-server's --locale sets it; needs a language pack for it
 *   languagePacks?: object,         written to <user-data-dir>/languagepacks.json, where the server looks up the
 *                                   language packs it generates the workbench's messages from
 *   smokeTestDriver?: boolean,      --enable-smoke-test-driver, which loading an extension from source (and the
 *                                   in-host test suite) needs; off for the installed extension (default on)
 * }} [options]
 * @returns {Promise<{port: number, url: string, pid: number, tempDir: string, userDataDir: string, vscodeVersion: string, exited: Promise<{code: number|null, signal: string|null}>, stop(): Promise<void>}>}
 */
export async function startServer(options = {}) {
  const { release, serverMain, nodeBin, nodeBinDir } = releasePaths(options.release);
  if (!fs.existsSync(serverMain) || !fs.existsSync(nodeBin)) {
    throw new Error(`VS Code ${release.vscode} not installed (${serverMain}); run: node scripts/vscode/install.mjs --release ${release.name}`);
  }
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'elevenlabs-usage-vscode-'));
  const dirs = {
    home: path.join(tempDir, 'home'),
    userData: path.join(tempDir, 'user-data'),
    serverData: path.join(tempDir, 'server-data'),
    extensions: path.join(tempDir, 'extensions'),
    config: path.join(tempDir, 'home', '.config'),
    cache: path.join(tempDir, 'home', '.cache'),
    data: path.join(tempDir, 'home', '.local', 'share'),
    state: path.join(tempDir, 'home', '.local', 'state'),
    runtime: path.join(tempDir, 'runtime'),
  };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });

  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    // Nothing from an outer `npm run` or an outer VS Code leaks into the server and its extension host.
    if (/^(npm_|VSCODE_|ELECTRON_)/i.test(key) || key === 'INIT_CWD') continue;
    env[key] = value;
  }
  Object.assign(env, {
    HOME: dirs.home,
    XDG_CONFIG_HOME: dirs.config,
    XDG_CACHE_HOME: dirs.cache,
    XDG_DATA_HOME: dirs.data,
    XDG_STATE_HOME: dirs.state,
    XDG_RUNTIME_DIR: dirs.runtime,
    TMPDIR: path.join(tempDir),
    PATH: `${nodeBinDir}${path.delimiter}${process.env.PATH || ''}`,
    ...(options.env || {}),
  });

  const log = options.log || (() => {});
  const folders = ['--user-data-dir', dirs.userData, '--server-data-dir', dirs.serverData, '--extensions-dir', dirs.extensions];
  if (options.userSettings || options.keybindings) {
    fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
    if (options.userSettings) fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(options.userSettings, null, 2));
    if (options.keybindings) fs.writeFileSync(path.join(dirs.userData, 'User', 'keybindings.json'), JSON.stringify(options.keybindings, null, 2));
  }
  if (options.languagePacks) {
    fs.mkdirSync(dirs.userData, { recursive: true });
    fs.writeFileSync(path.join(dirs.userData, 'languagepacks.json'), JSON.stringify(options.languagePacks));
  }
  try {
    for (const vsix of options.installExtensions || []) {
      await runServerCli({ nodeBin, serverMain }, ['--install-extension', vsix, '--accept-server-license-terms', ...folders], env, dirs.home, log);
    }
  } catch (error) {
    fs.rmSync(tempDir, { recursive: true, force: true });
    throw error;
  }

  const args = [
    serverMain,
    '--host', '127.0.0.1',
    '--port', '0',
    '--without-connection-token',
    '--accept-server-license-terms',
    '--disable-telemetry',
    ...(options.smokeTestDriver === false ? [] : ['--enable-smoke-test-driver']),
    ...(options.locale ? ['--locale', options.locale] : []),
    ...folders,
  ];
  const child = spawn(nodeBin, args, {
    cwd: dirs.home,
    env,
    detached: true, // its own process group: stop() ends the file watcher and agent host with it
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  let exited = false;
  const exitPromise = new Promise((resolve) => child.on('exit', (code, signal) => {
    exited = true;
    resolve({ code, signal });
  }));

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const killGroup = (signal) => {
      try {
        process.kill(-pid, signal);
        return true;
      } catch {
        return false; // the group is gone
      }
    };
    if (killGroup('SIGTERM')) {
      // Wait for the whole group to go, then make sure with SIGKILL.
      const deadline = Date.now() + 5000;
      while (Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        try {
          process.kill(-pid, 0);
        } catch {
          break;
        }
      }
      killGroup('SIGKILL');
    }
    if (!exited) await Promise.race([exitPromise, new Promise((r) => setTimeout(r, 2000))]);
    fs.rmSync(tempDir, { recursive: true, force: true, maxRetries: 3 });
  };

  const port = await new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => finish(new Error('VS Code server did not print "listening on N" in time')), options.timeoutMs ?? 60_000);
    const finish = (error, value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (stream) => {
      let buffer = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        buffer += chunk;
        let newline;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, newline).replace(/\r$/, '');
          buffer = buffer.slice(newline + 1);
          log(line);
          const match = LISTENING.exec(line);
          if (match) finish(undefined, Number(match[1]));
        }
      });
    };
    onData(child.stdout);
    onData(child.stderr);
    child.on('error', (error) => finish(error));
    exitPromise.then(({ code, signal }) => finish(new Error(`VS Code server exited early (${signal ?? code})`)));
  }).catch(async (error) => {
    await stop();
    throw error;
  });

  return { port, url: `http://127.0.0.1:${port}/`, pid, tempDir, userDataDir: dirs.userData, vscodeVersion: release.vscode, exited: exitPromise, stop };
}
