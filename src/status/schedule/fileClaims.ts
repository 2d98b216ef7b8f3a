// Claims that exactly one contender wins, as files created with O_EXCL ('wx') in one folder: the kernel creates a
// file for one caller and answers EEXIST to every other, whichever process asks and however close together. The
// folder is the extension's global storage, which every window of a VS Code profile on this machine shares (the
// extension runs on the user's machine in local and remote windows alike; in a server or web window, on the
// server), so two windows refreshing at the same moment cannot both win. globalState, which they also share, has
// no compare-and-set: two windows could both read "not shown" there and both write "shown".

import { mkdir, open, readdir, unlink } from 'node:fs/promises';
import * as path from 'node:path';
import type { ClaimRegistry } from '../quotaAlerts';

/** Every file this registry creates starts with this, so that forgetting touches nothing else in the folder. */
const CLAIM_FILE_PREFIX = 'quota-alert-';

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

export class FileClaims implements ClaimRegistry {
  /** @param folder where the claim files go (created when missing); @param owner written into each file, for people. */
  constructor(
    private readonly folder: string,
    private readonly owner: string,
    private readonly now: () => number = () => Date.now(),
  ) {}

  async claim(name: string): Promise<boolean> {
    if (!name.startsWith(CLAIM_FILE_PREFIX) || name !== path.basename(name)) {
      throw new Error(`not a claim name: ${name}`);
    }
    await mkdir(this.folder, { recursive: true });
    let file;
    try {
      file = await open(path.join(this.folder, name), 'wx');
    } catch (error) {
      if (errorCode(error) === 'EEXIST') {
        return false;
      }
      throw error;
    }
    try {
      await file.writeFile(`${JSON.stringify({ by: this.owner, at: new Date(this.now()).toISOString() })}\n`);
    } finally {
      await file.close();
    }
    return true;
  }

  async forget(within: string, keep: string): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.folder);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') {
        return;
      }
      throw error;
    }
    for (const name of names) {
      if (name.startsWith(CLAIM_FILE_PREFIX) && name.startsWith(within) && !name.startsWith(keep)) {
        await unlink(path.join(this.folder, name)).catch((error: unknown) => {
          // Another window forgot it first.
          if (errorCode(error) !== 'ENOENT') {
            throw error;
          }
        });
      }
    }
  }
}
