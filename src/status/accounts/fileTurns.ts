// The other accounts' turns (SharedTurns in otherAccounts.ts) as a small JSON file in the extension's global storage
// folder, beside the request pauses: every window of a VS Code profile on this machine reads it before a turn and
// writes it at each, as filePause.ts does (schedule/sharedJsonFile.ts; globalState reaches the other windows late).
// What it holds is read back as untrusted (sanitizeTurns).

import * as path from 'node:path';
import { readSharedJson, writeSharedJson } from '../schedule/sharedJsonFile';
import type { OtherTurnsRecord, SharedTurns } from './otherAccounts';

export const TURNS_FILE_NAME = 'other-accounts-turns.json';
/** Larger than any record ten accounts make: a bigger file is not ours, and is not read. */
const MAX_FILE_BYTES = 4096;

export class FileTurns implements SharedTurns {
  private readonly file: string;

  constructor(folder: string) {
    this.file = path.join(folder, TURNS_FILE_NAME);
  }

  read(): unknown {
    return readSharedJson(this.file, MAX_FILE_BYTES);
  }

  write(record: OtherTurnsRecord): void {
    writeSharedJson(this.file, record);
  }
}
