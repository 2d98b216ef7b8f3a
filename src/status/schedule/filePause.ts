// The profile's shared pause (see SharedPause in refreshScheduler.ts) as a small JSON file in the extension's
// global storage folder, which every window of a VS Code profile on this machine shares, beside the quota alerts'
// claims. Read before every scheduled refresh and written after a fault, synchronously: the file is a few dozen
// bytes on a local disk, and a refresh that read it asynchronously could race another window's write. globalState,
// which the windows also share, reaches the other windows late. One file per API host: a pause that one host
// asked for says nothing of another.

import * as path from 'node:path';
import { readSharedJson, writeSharedJson } from './sharedJsonFile';
import { MAX_SHARED_FAILURES, mergePause, type PauseRecord, type SharedPause } from './refreshScheduler';

/** A file name for the host ("api.elevenlabs.io", "127.0.0.1:8080"): letters, digits, dots and dashes only. */
export function pauseFileName(host: string): string {
  return `request-pause-${host.toLowerCase().replace(/[^a-z0-9.-]/g, '_').slice(0, 120)}.json`;
}

/** The record as stored, checked: the file is shared with other windows and other versions of the extension. */
export function readPauseRecord(raw: unknown): PauseRecord | undefined {
  if (typeof raw !== 'object' || raw === null) {
    return undefined;
  }
  const { untilMs, setAtMs, failures } = raw as Record<string, unknown>;
  if (typeof untilMs !== 'number' || !Number.isFinite(untilMs) || typeof setAtMs !== 'number' || !Number.isFinite(setAtMs)) {
    return undefined;
  }
  const count = typeof failures === 'number' && Number.isInteger(failures) && failures >= 0 ? Math.min(failures, MAX_SHARED_FAILURES) : 0;
  return { untilMs, setAtMs, failures: count };
}

export class FilePause implements SharedPause {
  private readonly file: string;

  constructor(folder: string, host: string) {
    this.file = path.join(folder, pauseFileName(host));
  }

  read(): PauseRecord | undefined {
    return readPauseRecord(readSharedJson(this.file));
  }

  extend(record: PauseRecord): void {
    this.write(mergePause(this.read(), record));
  }

  liftIfSetBy(ms: number): void {
    const current = this.read();
    if (current && current.setAtMs <= ms) {
      this.write({ untilMs: 0, setAtMs: ms, failures: 0 });
    }
  }

  private write(record: PauseRecord): void {
    writeSharedJson(this.file, record);
  }
}
