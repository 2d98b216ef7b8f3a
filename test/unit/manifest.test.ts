// package.json promises: the VS Code versions it installs in (engines.vscode, proven by running the integration
// suite in the oldest one, see scripts/vscode/releases.json), the API it compiles against (@types/vscode), the
// walkthrough's steps and pictures, and the icon.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readSourceSetting, SOURCE_SETTINGS } from '../../src/usage/query/sourceSetting';
import { translationProblems as problemsOf } from './helpers/translationProblems';

/** Why a package.nls.<locale>.json does not translate package.nls.json. */
const translationProblems = (translated: Record<string, unknown>): string[] => problemsOf(english, translated, 'package.nls.json');

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
interface Release {
  readonly vscode: string;
  readonly codeServer: string;
  readonly node: string;
}
interface WalkthroughStep {
  readonly id: string;
  readonly description: string;
  readonly completionEvents: string[];
  readonly media: { readonly image: string | Record<string, string>; readonly altText?: string };
}
interface Manifest {
  readonly engines: { readonly vscode: string };
  readonly icon: string;
  readonly devDependencies: Record<string, string>;
  readonly contributes: {
    readonly commands: Array<{ readonly command: string }>;
    readonly configuration: { readonly properties: Record<string, unknown> };
    readonly walkthroughs: Array<{ readonly id: string; readonly title: string; readonly steps: WalkthroughStep[] }>;
  };
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, file), 'utf8')) as T;
/** A "%key%" value of package.json: its words are in package.nls.json (and its translations). */
const NLS_KEY = /^%([\w.-]+)%$/;
const rawManifest = readJson<unknown>('package.json');
const english = readJson<Record<string, unknown>>('package.nls.json');

/** Every string value of a JSON value, with where it is. */
function stringsIn(value: unknown, at = ''): Array<{ readonly at: string; readonly text: string }> {
  if (typeof value === 'string') return [{ at, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsIn(v, `${at}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringsIn(v, at ? `${at}.${k}` : k));
  return [];
}

/** The manifest as VS Code shows it: each "%key%" replaced by its English words. */
function localized(value: unknown): unknown {
  if (typeof value === 'string') {
    const key = NLS_KEY.exec(value)?.[1];
    return key === undefined ? value : english[key];
  }
  if (Array.isArray(value)) return value.map(localized);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, localized(v)]));
  return value;
}
const manifest = localized(rawManifest) as Manifest;
const releases = readJson<Record<'current' | 'oldest', Release>>('scripts/vscode/releases.json');

function majorMinor(version: string): [number, number] {
  const match = /^[\^~]?(\d+)\.(\d+)\.\d+/.exec(version);
  assert.ok(match, `not a version: ${version}`);
  return [Number(match[1]), Number(match[2])];
}

describe('package.json', () => {
  describe('supported VS Code versions', () => {
    it('claims, as its oldest VS Code, the oldest release the integration suite runs in', () => {
      const engines: string = manifest.engines.vscode;
      assert.match(engines, /^\^1\.\d+\.0$/, 'engines.vscode is ^1.N.0');
      assert.deepEqual(majorMinor(engines), majorMinor(releases.oldest.vscode), `engines.vscode ${engines} vs the oldest tested ${releases.oldest.vscode}`);
      assert.ok(majorMinor(engines)[1] <= 96, 'no newer than 1.96, so that Cursor, Windsurf and VSCodium can install it');
      const [, currentMinor] = majorMinor(releases.current.vscode);
      assert.ok(currentMinor > majorMinor(engines)[1], 'the current release is newer than the oldest');
    });

    it('compiles against the API of that oldest VS Code, so nothing newer is used without feature detection', () => {
      const declared: string = manifest.devDependencies['@types/vscode'];
      const installed = readJson<{ version: string }>('node_modules/@types/vscode/package.json').version;
      assert.deepEqual(majorMinor(declared), majorMinor(manifest.engines.vscode), `@types/vscode ${declared}`);
      assert.deepEqual(majorMinor(installed), majorMinor(manifest.engines.vscode), `installed @types/vscode ${installed}`);
    });
  });

  describe('the walkthrough', () => {
    const walkthroughs = manifest.contributes.walkthroughs;
    const walkthrough = walkthroughs[0]!;
    const commands = new Set<string>(manifest.contributes.commands.map((c) => c.command));
    const settings = new Set<string>(Object.keys(manifest.contributes.configuration.properties));

    it('is "Get started with ElevenLabs Usage": key, status bar, chart, residency host', () => {
      assert.equal(walkthroughs.length, 1);
      assert.equal(walkthrough.title, 'Get started with ElevenLabs Usage');
      assert.deepEqual(walkthrough.steps.map((s) => s.id), ['setKey', 'statusBar', 'chart', 'apiHost']);
    });

    it('ticks off setting the key when the key command runs', () => {
      const step = walkthrough.steps.find((s) => s.id === 'setKey');
      assert.deepEqual(step?.completionEvents, ['onCommand:elevenlabsUsage.setApiKey']);
    });

    it('links only its own commands, and completes on events of its own commands and settings', () => {
      for (const step of walkthrough.steps) {
        const links = [...step.description.matchAll(/\]\(command:([\w.]+)\)/g)];
        assert.ok(links.length > 0, `${step.id} has a button`);
        for (const [, command] of links) {
          assert.ok(commands.has(command!), `${step.id} links ${command}, which the extension contributes`);
        }
        for (const event of step.completionEvents) {
          const [kind, id] = event.split(':');
          if (kind === 'onCommand') assert.ok(commands.has(id), event);
          else if (kind === 'onSettingChanged') assert.ok(settings.has(id), event);
          else assert.fail(`unexpected completion event ${event}`);
        }
      }
    });

    it('shows pictures that are in the repository, taken by the end-to-end tests (docs/screenshots)', () => {
      for (const step of walkthrough.steps) {
        const image = step.media.image;
        const files: string[] = typeof image === 'string' ? [image] : Object.values(image);
        assert.ok(step.media.altText, `${step.id} has alt text`);
        for (const file of files) {
          assert.match(file, /^docs\/screenshots\/[\w-]+\.png$/);
          assert.ok(fs.existsSync(path.join(REPO_ROOT, file)), `${file} exists`);
        }
      }
    });
  });

  describe('the settings', () => {
    const properties = manifest.contributes.configuration.properties as Record<string, { readonly scope?: string; readonly enum?: string[]; readonly default?: unknown; readonly enumDescriptions?: string[] }>;

    it('are read from the User settings only (application scope), but for how a chart the user opens is drawn', () => {
      for (const [name, property] of Object.entries(properties)) {
        if (name === 'elevenlabsUsage.chart.buckets') {
          assert.equal(property.scope, undefined, name);
        } else {
          assert.equal(property.scope, 'application', `${name}: a workspace must not decide where the key goes, how often or whether it is used`);
        }
      }
    });

    it('offer elevenlabsUsage.source with exactly the values the extension reads, each described, "auto" by default', () => {
      const source = properties['elevenlabsUsage.source']!;
      assert.deepEqual(source.enum, [...SOURCE_SETTINGS]);
      assert.equal(source.default, 'auto');
      assert.equal(source.enumDescriptions?.length, SOURCE_SETTINGS.length);
      for (const value of SOURCE_SETTINGS) {
        assert.equal(readSourceSetting(value), value);
      }
      // A hand-edited value that is not one of them is the default, never a half-read one.
      for (const hostile of ['Analytics', ' analytics', 'characterStats', '', null, 1, ['analytics'], { analytics: true }]) {
        assert.equal(readSourceSetting(hostile), 'auto', JSON.stringify(hostile));
      }
    });
  });

  describe('its words (package.nls.json)', () => {
    const used = stringsIn(rawManifest).flatMap(({ at, text }) => {
      const key = NLS_KEY.exec(text)?.[1];
      return key === undefined ? [] : [{ at, key }];
    });

    it('are all in package.nls.json: every "%key%" has its English words, and every entry there is used', () => {
      assert.ok(used.length >= 40, `${used.length} localisable strings`);
      for (const { at, key } of used) {
        assert.ok(typeof english[key] === 'string' && (english[key] as string).trim().length > 0, `${at} names %${key}%, which package.nls.json lacks`);
      }
      const keys = new Set(used.map((u) => u.key));
      assert.deepEqual(Object.keys(english).filter((key) => !keys.has(key)), [], 'entries of package.nls.json that nothing uses');
    });

    it('leave no word for people outside package.nls.json: titles, descriptions and alt texts are all keys', () => {
      const wordy = /(^|\.)(title|description|markdownDescription|enumDescriptions\[\d+\]|altText|deprecationMessage)$/;
      const literal = stringsIn(rawManifest).filter(({ at, text }) => wordy.test(at) && !NLS_KEY.test(text) && at !== 'displayName');
      assert.deepEqual(literal.map((l) => l.at), []);
    });

    it('are whole in every translation (package.nls.<locale>.json): the same keys, placeholders and command links', () => {
      // The check itself, on a translation that gets each wrong.
      const broken = { ...english, 'command.showUsage.title': 'Nutzung {0}', 'config.nonexistent': 'x' } as Record<string, unknown>;
      delete broken['command.refresh.title'];
      broken['walkthrough.getStarted.setKey.description'] = 'Schl\u00fcssel [setzen](command:workbench.action.terminal.new)';
      assert.deepEqual(translationProblems(broken).sort(), [
        'command.refresh.title is missing',
        'command.showUsage.title changes the placeholders',
        'config.nonexistent is not a key of package.nls.json',
        'walkthrough.getStarted.setKey.description changes its links',
      ]);
      for (const file of fs.readdirSync(REPO_ROOT).filter((name) => /^package\.nls\.[\w-]+\.json$/.test(name))) {
        assert.deepEqual(translationProblems(readJson<Record<string, unknown>>(file)), [], file);
      }
    });
  });

  it('names the icon that scripts/render-icon.mjs renders from media/icon.svg', () => {
    assert.equal(manifest.icon, 'media/dist/icon.png');
    assert.ok(fs.existsSync(path.join(REPO_ROOT, 'media', 'icon.svg')));
  });
});
