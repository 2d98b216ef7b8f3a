// package.json as VS Code shows it: every "%key%" value replaced by its text in package.nls.json (or in a
// translation, package.nls.<locale>.json, falling back to the English one key by key), as VS Code does when it
// reads an extension's manifest. For the tests that look for what a person sees (the walkthrough's title).
import fs from 'node:fs';
import path from 'node:path';

const PLACEHOLDER = /^%([\w.-]+)%$/;

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export function localizedManifest(repoRoot, locale) {
  const manifest = readJson(path.join(repoRoot, 'package.json'));
  const english = readJson(path.join(repoRoot, 'package.nls.json'));
  const translated = locale && fs.existsSync(path.join(repoRoot, `package.nls.${locale}.json`)) ? readJson(path.join(repoRoot, `package.nls.${locale}.json`)) : {};
  const resolve = (value) => {
    if (typeof value === 'string') {
      const key = PLACEHOLDER.exec(value)?.[1];
      if (key === undefined) return value;
      const text = translated[key] ?? english[key];
      if (typeof text !== 'string') throw new Error(`package.json names ${value}, which package.nls.json does not have`);
      return text;
    }
    if (Array.isArray(value)) return value.map(resolve);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
    return value;
  };
  return resolve(manifest);
}
