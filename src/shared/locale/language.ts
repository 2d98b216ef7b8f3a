// The language one bundle speaks: the display locale for Intl and the translated messages for @vscode/l10n.
// Each bundle (dist/extension.js, dist/chart.js, the webview's script) holds its own copy of both modules, so
// each is told once: the host from VS Code (vscode.env.language, vscode.l10n.bundle, which the workbench loads
// for the display language), the webview from the host. What arrives is read as untrusted.

import * as l10n from '@vscode/l10n';
import { isRecord } from '../isRecord';
import { setDisplayLocale } from './displayLocale';

/** The display language and its translations, as VS Code gives them (the bundle is absent for English). */
export interface Language {
  readonly locale: string;
  readonly messages: Record<string, string> | undefined;
}

// Far above the extension's own bundle (about a thousand short messages), far below what would slow a page.
const MAX_MESSAGES = 5000;
const MAX_MESSAGE_LENGTH = 4000;

/** `value`'s string-to-string entries, within bounds; anything else (a hostile or broken bundle) is left out. */
export function readMessages(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  const messages: Record<string, string> = Object.create(null) as Record<string, string>;
  let count = 0;
  // Key by key, stopping at the bound: a huge bundle is never listed whole.
  for (const key in value) {
    if (count >= MAX_MESSAGES) {
      break;
    }
    const message = Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
    if (typeof message === 'string' && key.length <= MAX_MESSAGE_LENGTH && message.length <= MAX_MESSAGE_LENGTH) {
      messages[key] = message;
      count++;
    }
  }
  return count > 0 ? messages : undefined;
}

let spoken: Language = { locale: 'en', messages: undefined };

/** Speak `language` from now on in this bundle: Intl's locale and l10n's messages. Returns what is spoken. */
export function useLanguage(language: { readonly locale: unknown; readonly messages: unknown }): Language {
  const locale = setDisplayLocale(language.locale);
  const messages = readMessages(language.messages);
  // An empty bundle, not none: a second call (a test, another language) must not keep the first one's words.
  l10n.config({ contents: messages ?? {} });
  spoken = { locale, messages };
  return spoken;
}

/** What this bundle speaks: for a page it hands the language on to (the chart webview). */
export function spokenLanguage(): Language {
  return spoken;
}
