// Every word a user reads can be translated: each message in src/ is one that @vscode/l10n-dev extracts (its
// real extractor, run here), the bundle in l10n/ is what it extracts now, no prose is left outside l10n.t, and
// every translation has each message with its placeholders and links.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { getL10nJson } from '@vscode/l10n-dev';
import { translationProblems } from './helpers/translationProblems';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const SRC = path.join(REPO_ROOT, 'src');
const L10N = path.join(REPO_ROOT, 'l10n');
/** The languages shipped, as VS Code names them (its display language ids). */
export const SHIPPED_LANGUAGES = ['de', 'fr', 'es', 'ja', 'zh-cn', 'pt-br'];

function sourceFiles(dir = SRC): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : /\.ts$/.test(entry.name) && !/\.d\.ts$/.test(entry.name) ? [full] : [];
  });
}

const readBundle = (name: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(L10N, name), 'utf8')) as Record<string, unknown>;

/** `l10n.t(…)` calls of a file: the call, and whether it runs only when a function is called. */
function messageCalls(file: string): Array<{ call: ts.CallExpression; line: number; inFunction: boolean; sf: ts.SourceFile }> {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const calls: Array<{ call: ts.CallExpression; line: number; inFunction: boolean; sf: ts.SourceFile }> = [];
  const visit = (node: ts.Node, inFunction: boolean): void => {
    const inside = inFunction || ts.isFunctionLike(node);
    if (ts.isCallExpression(node) && isL10nT(node.expression)) {
      calls.push({ call: node, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, inFunction, sf });
    }
    ts.forEachChild(node, (child) => visit(child, inside));
  };
  visit(sf, false);
  return calls;
}

const isL10nT = (callee: ts.Expression): boolean =>
  ts.isPropertyAccessExpression(callee) && callee.name.text === 't' &&
  ((ts.isIdentifier(callee.expression) && callee.expression.text === 'l10n') ||
    (ts.isPropertyAccessExpression(callee.expression) && callee.expression.name.text === 'l10n'));

/**
 * Literals that read as prose (two words of letters, or one capitalised word followed by a space) outside
 * l10n.t, skipping what is never shown: imports, log and console lines, programmer errors, property names,
 * comparisons, and texts of the few kinds the conventions leave in English (machine words of the exports,
 * the brand).
 */
function proseOutsideMessages(file: string): string[] {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const PROSE = /[A-Za-z]{2,}[,:;]? [a-z]{2,}/;
  const exempt = (node: ts.Node): boolean => {
    for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
      if (ts.isImportDeclaration(at) || ts.isExportDeclaration(at)) return true;
      if (ts.isCallExpression(at)) {
        const callee = at.expression.getText(sf);
        if (isL10nT(at.expression) || /(^|\.)onProblem$|^(log|this\.log|deps\.log|this\.deps\.log|options\.log|console|output)\.|\.(appendLine|debug|trace|info|warn|error)$|^(querySelector|querySelectorAll)$|\.querySelector(All)?$/.test(callee)) return true;
      }
      if (ts.isNewExpression(at) && /^(Error|RangeError|TypeError)$/.test(at.expression.getText(sf)) && ts.isThrowStatement(at.parent)) return true;
      if (ts.isBinaryExpression(at) && /^(===|!==|==|!=)$/.test(at.operatorToken.getText(sf))) return true;
      if (ts.isCaseClause(at) || ts.isTypeNode(at) || ts.isPropertyAssignment(at) && at.name === node) return true;
      if (ts.isFunctionLike(at) || ts.isClassDeclaration(at)) break;
    }
    return false;
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) && !exempt(node)) {
      const text = ts.isTemplateExpression(node) ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ') : node.text;
      if (PROSE.test(text) && !ENGLISH_ON_PURPOSE.some((re) => re.test(text))) {
        found.push(`${path.relative(REPO_ROOT, file)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1} ${text.slice(0, 80)}`);
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** Texts that stay English on purpose, each with its reason. */
const ENGLISH_ON_PURPOSE: RegExp[] = [
  /^ElevenLabs Usage$/, // the product's name
  /^<[!a-z]/, // markup (panelHtml.ts): its words are escaped l10n.t arguments
  /Period start/, // billingPeriodSpec.ts: the running total's first point, removed by the tooltip's filter, never shown
  /^A new day has begun/, // statusModel.ts NEW_DAY_REASON: a marker compared, shown through newDayWords()
  /^lacks the .* permission, so the status bar/, // apiKeyCommands.ts describeLimited: for the log
  /^(not loaded|read the key from|save the key in|remove the key from)$/, // apiKeyStore.ts: a symbol's name; keyringError's action ids
  /^Status bar .*:/, // statusBar.ts: the log's line for a problem
];

/**
 * Files whose words are read by programs: the exports' column names and bucket kinds stay English in every
 * language, so that scripts and formulas over an export do not break when it comes from another language.
 */
const MACHINE_WORDS = new Set(['src/usage/exportFormats.ts']);

describe('every word a user reads can be translated (l10n)', () => {
  const files = sourceFiles();

  it('has each message as one literal @vscode/l10n-dev extracts: no template substitution, no escape it misreads', () => {
    const problems: string[] = [];
    for (const file of files) {
      for (const { call, line, sf } of messageCalls(file)) {
        const where = `${path.relative(REPO_ROOT, file)}:${line}`;
        const message = call.arguments[0];
        if (!message || !(ts.isStringLiteral(message) || ts.isNoSubstitutionTemplateLiteral(message))) {
          problems.push(`${where}: the message is not one string literal`);
        } else if (/\\[ux]/.test(message.getText(sf))) {
          // l10n-dev 0.0.35 reads \u2019 as three hex digits: the key would never match what runs.
          problems.push(`${where}: write the character, not its escape`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('translates nothing while a bundle loads: l10n.t runs only inside functions, after the language is set', () => {
    const problems = files.flatMap((file) => messageCalls(file).filter((c) => !c.inFunction).map((c) => `${path.relative(REPO_ROOT, file)}:${c.line}`));
    assert.deepEqual(problems, []);
  });

  it('uses @vscode/l10n in every module, never vscode.l10n.t (one path, configured from vscode.l10n.bundle)', () => {
    const problems = files.filter((file) => /vscode\.l10n\.t\(/.test(fs.readFileSync(file, 'utf8'))).map((file) => path.relative(REPO_ROOT, file));
    assert.deepEqual(problems, []);
  });

  it('leaves no prose outside l10n.t', () => {
    assert.deepEqual(files.filter((file) => !MACHINE_WORDS.has(path.relative(REPO_ROOT, file))).flatMap(proseOutsideMessages), []);
  });

  it('ships l10n/bundle.l10n.json as the extractor makes it from src/ now (run npm run l10n:export)', async function () {
    this.timeout(120_000); // the extractor parses every source file with tree-sitter: seconds, more under load
    const extracted = await getL10nJson(files.map((file) => ({ extension: '.ts', contents: fs.readFileSync(file, 'utf8') })));
    assert.ok(Object.keys(extracted).length > 300, 'the extractor found the messages');
    assert.deepEqual(readBundle('bundle.l10n.json'), extracted);
  });

  it('has every message, with its placeholders and links, in each shipped language', () => {
    const english = readBundle('bundle.l10n.json');
    for (const language of SHIPPED_LANGUAGES) {
      assert.deepEqual(translationProblems(english, readBundle(`bundle.l10n.${language}.json`), 'bundle.l10n.json'), [], language);
    }
  });

  it('finds what a broken translation misses (the checker above can fail)', () => {
    const english = { 'Updated {0}': 'Updated {0}', '[Set API Key]({0})': '[Set API Key]({0})', '$(key) Set key': '$(key) Set key', Table: 'Table' };
    const broken = { 'Updated {0}': 'Aktualisiert', '[Set API Key]({0})': '[Schlüssel](command:x)', '$(key) Set key': 'Schlüssel', Extra: 'x' };
    assert.deepEqual(translationProblems(english, broken, 'bundle.l10n.json').sort(), [
      '$(key) Set key changes its icons',
      'Extra is not a key of bundle.l10n.json',
      'Table is missing',
      'Updated {0} changes the placeholders',
      '[Set API Key]({0}) changes its links',
      '[Set API Key]({0}) changes the placeholders',
    ]);
  });
});
