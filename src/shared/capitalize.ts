// "model" → "Model": for a word that starts a title or a column heading, in the spec and the table alike.

export function capitalize(text: string): string {
  return text ? text[0]!.toUpperCase() + text.slice(1) : text;
}
