// A small JSON record that every window of a profile shares through the extension's global storage folder (the
// request pause, the other accounts' turns): read and written synchronously, since it is a few dozen bytes on a
// local disk and a read that yielded could race another window's write. Written whole to a file of its own, then
// renamed over the record, so that a reader sees the old one or the new one, never half of either.

import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** The parsed file, or undefined when it is missing, unreadable, not JSON, or larger than `maxBytes`. */
export function readSharedJson(file: string, maxBytes = Number.POSITIVE_INFINITY): unknown {
  try {
    return statSync(file).size > maxBytes ? undefined : (JSON.parse(readFileSync(file, 'utf8')) as unknown);
  } catch {
    return undefined;
  }
}

/** Replaces the record with `value`, creating the folder if need be; throws when the disk refuses. */
export function writeSharedJson(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(value)}\n`);
  renameSync(temporary, file);
}
