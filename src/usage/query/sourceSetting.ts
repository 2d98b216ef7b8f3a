// elevenlabsUsage.source, and why the credit figures come from the successor where they do. No imports: the
// status bar's bundle (extension.js) reads it, and the chart's bundle.

/**
 * elevenlabsUsage.source: "auto" asks character-stats and turns to its successor for the credit figures once
 * character-stats answers as retired; "analytics" takes every credit figure from the successor from the start.
 */
export const SOURCE_SETTINGS = ['auto', 'analytics'] as const;
export type SourceSetting = (typeof SOURCE_SETTINGS)[number];

export function readSourceSetting(value: unknown): SourceSetting {
  return value === 'analytics' ? 'analytics' : 'auto';
}

/**
 * Why the credit figures come from the successor, where they do: the user chose it (elevenlabsUsage.source), or
 * character-stats has answered as retired since `sinceMs`.
 */
export type SuccessorReason = { readonly reason: 'setting' } | { readonly reason: 'retired'; readonly sinceMs: number };

/** The reason to use the successor, if any: a retirement seen says more (and since when) than the setting. */
export function successorReason(setting: SourceSetting, retiredSinceMs: number | undefined): SuccessorReason | undefined {
  if (retiredSinceMs !== undefined) {
    return { reason: 'retired', sinceMs: retiredSinceMs };
  }
  return setting === 'analytics' ? { reason: 'setting' } : undefined;
}
