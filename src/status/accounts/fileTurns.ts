// The other accounts' turns (SharedTurns in otherAccounts.ts) as a small JSON file in the extension's global storage
// folder, beside the request pauses: every window of a VS Code profile on this machine reads it before a turn and
// writes it at each, synchronously, as filePause.ts does and for the same reasons (a few dozen bytes on a local disk;
// globalState reaches the other windows late). What it holds is read back as untrusted (sanitizeTurns).

import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { OtherTurnsRecord, SharedTurns } from './otherAccounts';

export const TURNS_FILE_NAME = 'other-accounts-turns.json';
/** Larger than any record ten accounts make: a bigger file is not ours, and is not read. */
const MAX_FILE_BYTES = 4096;

export class FileTurns implements SharedTurns {
  private readonly file: string;

  constructor(private readonly folder: string) {
    this.file = path.join(folder, TURNS_FILE_NAME);
  }

  read(): unknown {
    try {
      return statSync(this.file).size > MAX_FILE_BYTES ? undefined : (JSON.parse(readFileSync(this.file, 'utf8')) as unknown);
    } catch {
      return undefined;
    }
  }

  /** Written whole to a file of its own, then renamed over the record: a reader sees the old one or the new one. */
  write(record: OtherTurnsRecord): void {
    mkdirSync(this.folder, { recursive: true });
    const temporary = `${this.file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(record)}\n`);
    renameSync(temporary, this.file);
  }
}
