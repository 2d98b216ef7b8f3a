// "model" → "Model": for a word that starts a title or a column heading, in the spec and the table alike.

import { displayLocale } from './locale/displayLocale';

export function capitalize(text: string): string {
  return text ? text[0]!.toUpperCase() + text.slice(1) : text;
}

/**
 * "Model" → "model" inside a sentence, but "API keys" stays (an acronym), and so does every word of a language that
 * writes its nouns with a capital (German: "Zeichen nach Stimme", not "nach stimme").
 */
export function lowerFirst(text: string): string {
  return /^[A-Z]{2}/.test(text) || CAPITALISED_NOUNS.test(displayLocale()) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

/** Languages whose nouns keep their capital letter mid-sentence. */
const CAPITALISED_NOUNS = /^(de|lb)(-|$)/;
