// Escaping of text from elsewhere before it goes into the tooltip's Markdown.

/** Escapes text from elsewhere (error messages, tier names) so it cannot inject Markdown or command links. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~$]/g, (c) => `\\${c}`);
}
