// What a translation must keep of its English: every key, the same "{0}" placeholders, the same links (command
// links of the walkthrough, markdown link targets of the tooltip) and codicons ("$(key)"), and no key of its own.
// One checker for the manifest's package.nls.<locale>.json and the l10n bundles' bundle.l10n.<locale>.json.

/** The "{0}"-style placeholders of a text, sorted. */
export const placeholders = (text: string): string[] => [...text.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();
const links = (text: string): string[] => [...text.matchAll(/\]\(([^)]*)\)|\(command:[\w.]+\)/g)].map((m) => m[0]).sort();
const codicons = (text: string): string[] => [...text.matchAll(/\$\([\w~-]+\)/g)].map((m) => m[0]).sort();

/** Why `translated` does not translate `english`, one line per key; none when it does. */
export function translationProblems(english: Record<string, unknown>, translated: Record<string, unknown>, source = 'the English'): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(english)) {
    const original = typeof value === 'string' ? value : key;
    const text = translated[key];
    if (typeof text !== 'string' || text.trim().length === 0) {
      problems.push(`${key} is missing`);
      continue;
    }
    if (placeholders(text).join() !== placeholders(original).join()) problems.push(`${key} changes the placeholders`);
    if (links(text).join() !== links(original).join()) problems.push(`${key} changes its links`);
    if (codicons(text).join() !== codicons(original).join()) problems.push(`${key} changes its icons`);
  }
  problems.push(...Object.keys(translated).filter((key) => !(key in english)).map((key) => `${key} is not a key of ${source}`));
  return problems;
}
