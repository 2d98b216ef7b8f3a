// The least a VS Code server needs to speak another display language: what a language pack extension leaves
// behind once installed. The server looks the language up in <user-data-dir>/languagepacks.json and builds the
// workbench's messages from the pack's translations of VS Code itself; with --locale it then tells the workbench,
// and so the extension host (vscode.env.language), that language, and VS Code loads our l10n/bundle.l10n.<id>.json.
// Real packs (ms-ceintl.vscode-language-pack-de) cannot be downloaded here: this one translates none of VS Code's
// own words (they stay English), which is what lets a test tell our words from VS Code's. Tried on 2026-12-07
// with VS Code 1.139.1: installing a pack with --install-extension writes no languagepacks.json, so it is written
// here, and without --locale the server answers in English whatever the browser's language.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** @returns {{config: object, remove(): void}} the languagePacks object for startServer, and its clean-up */
export function minimalLanguagePack(locale) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `elevenlabs-usage-language-pack-${locale}-`));
  const translations = path.join(dir, 'main.i18n.json');
  fs.writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  const config = {
    [locale]: {
      hash: `minimal-${locale}`,
      label: locale,
      extensions: [{ extensionIdentifier: { id: `test.minimal-language-pack-${locale}` }, version: '1.0.0' }],
      translations: { vscode: translations },
    },
  };
  return { config, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
