// Runs a block under another IANA time zone. Node re-reads process.env.TZ when it changes, so Date's local
// methods follow it for the duration of the block.
export function inTimeZone<T>(zone: string, block: () => T): T {
  const previous = process.env.TZ;
  process.env.TZ = zone;
  try {
    return block();
  } finally {
    if (previous === undefined) {
      delete process.env.TZ;
    } else {
      process.env.TZ = previous;
    }
  }
}
