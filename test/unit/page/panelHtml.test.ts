import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { AGGREGATION_INTERVALS, BREAKDOWN_TYPES, METRICS } from '../../../src/api/types';
import { createNonce } from '../../../src/shared/nonce';
import { contentSecurityPolicy, escapeHtml, PANEL_IDS, renderPanelHtml } from '../../../src/page/panelHtml';
import { WINDOW_PRESETS } from '../../../src/usage/calendar/windows';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
const NONCE = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';
const input = {
  cspSource: CSP_SOURCE,
  language: { locale: 'en', messages: undefined },
  nonce: NONCE,
  scriptUri: `${CSP_SOURCE}/ext/media/dist/webview.js`,
  styleUri: `${CSP_SOURCE}/ext/media/chart.css`,
  title: 'ElevenLabs Usage',
};
const html = renderPanelHtml(input);

/** The repository root, from out/test/unit. */
const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

function cspOf(document: string): string[] {
  const metas = [...document.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*>/gi)];
  assert.equal(metas.length, 1, 'exactly one CSP meta tag');
  return [metas[0]![1]!];
}

describe('chart panel HTML', () => {
  it('hands the page its language as data in a meta element, escaped, never as a script', () => {
    const hostile = '"></script><script>alert(1)</script>';
    const page = renderPanelHtml({ ...input, language: { locale: 'de', messages: { Table: hostile } } });
    assert.match(page, /<html lang="de">/);
    assert.equal((page.match(/<script/g) ?? []).length, 1, 'the one nonce script, nothing from the messages');
    const content = /<meta name="elevenlabs-usage-language" content="([^"]*)">/.exec(page)?.[1];
    assert.ok(content, 'the language meta element');
    const unescaped = content.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    assert.deepEqual(JSON.parse(unescaped), { locale: 'de', messages: { Table: hostile } });
  });

  it('has exactly the required Content-Security-Policy', () => {
    const [csp] = cspOf(html);
    assert.equal(
      csp,
      `default-src 'none'; img-src ${CSP_SOURCE} data:; style-src ${CSP_SOURCE}; font-src ${CSP_SOURCE}; script-src 'nonce-${NONCE}'; connect-src 'none'; base-uri 'none'; form-action 'none'`,
    );
    assert.equal(contentSecurityPolicy(CSP_SOURCE, NONCE), csp);
    // The CSP comes before anything it governs.
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<link'));
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<script'));
  });

  it('never allows eval or inline code and styles', () => {
    assert.ok(!html.includes('unsafe-eval'));
    assert.ok(!html.includes('unsafe-inline'));
    assert.ok(!/\sstyle\s*=/i.test(html), 'no style attributes');
    assert.ok(!/<style[\s>]/i.test(html), 'no <style> elements');
    assert.ok(!/\son[a-z]+\s*=/i.test(html), 'no inline event handlers');
    assert.ok(!/javascript:/i.test(html));
  });

  it('loads its one script by nonce and src, with no inline body', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    assert.equal(scripts.length, 1);
    const [, attributes, body] = scripts[0]!;
    assert.equal(body, '');
    assert.match(attributes!, new RegExp(`\\snonce="${NONCE}"`));
    assert.match(attributes!, new RegExp(`\\ssrc="${input.scriptUri.replace(/[.+]/g, '\\$&')}"`));
    assert.equal((html.match(/<script/gi) ?? []).length, 1);
  });

  it('links the stylesheet from the webview resources', () => {
    assert.ok(html.includes(`<link rel="stylesheet" href="${input.styleUri}">`));
  });

  it('has every element the webview script uses, once', () => {
    for (const id of Object.values(PANEL_IDS)) {
      const count = (html.match(new RegExp(`\\sid="${id}"`, 'g')) ?? []).length;
      assert.equal(count, 1, `#${id}`);
    }
    assert.ok(html.includes('<div id="chart" class="vega-embed-host"'));
    assert.match(html, /<form id="toolbar"/);
    assert.match(html, /<select id="preset"/);
    assert.match(html, /<select id="interval"/);
    assert.match(html, /<select id="breakdown"/);
    assert.match(html, /<select id="metric"/);
    assert.match(html, /<input type="checkbox" id="workspaceMetrics"/);
    assert.match(html, /<button type="submit" id="queryButton"/);
    for (const format of ['png', 'svg', 'csv', 'json']) {
      assert.match(html, new RegExp(`data-export="${format}"`));
    }
    assert.match(html, /<button type="button" id="retryButton"[^>]* hidden>Retry<\/button>/);
    assert.match(html, /id="status" class="status" role="status" aria-live="polite"/);
  });

  it('has an accessible data table with caption, head, body and foot', () => {
    const table = /<table id="dataTable"[\s\S]*?<\/table>/.exec(html)?.[0];
    assert.ok(table);
    assert.match(table, /<caption id="dataTableCaption">/);
    assert.match(table, /<thead id="dataTableHead">/);
    assert.match(table, /<tbody id="dataTableBody">/);
    assert.match(table, /<tfoot id="dataTableFoot">/);
  });

  it('offers every preset, interval, breakdown and metric', () => {
    const optionsOf = (id: string): string[] => {
      const select = new RegExp(`<select id="${id}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '';
      return [...select.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]!);
    };
    assert.deepEqual(optionsOf('preset'), [...WINDOW_PRESETS, 'billingPeriod', 'custom']);
    assert.match(html, /<option value="billingPeriod">This billing period<\/option>/);
    assert.deepEqual(optionsOf('interval'), [...AGGREGATION_INTERVALS, 'bucket']);
    assert.deepEqual(optionsOf('breakdown'), [...BREAKDOWN_TYPES]);
    assert.deepEqual(optionsOf('metric'), [...METRICS]);
  });

  it('escapes what it is given', () => {
    const page = renderPanelHtml({ ...input, title: '<b>"Usage" & co</b>', styleUri: 'https://x/a.css?x="><script>' });
    assert.ok(page.includes('<title>&lt;b&gt;&quot;Usage&quot; &amp; co&lt;/b&gt;</title>'));
    assert.ok(!page.includes('"><script>'));
    assert.equal(escapeHtml(`<'&">`), `&lt;'&amp;&quot;&gt;`);
  });

  it('refuses a nonce that is short or could break out of the attribute', () => {
    assert.throws(() => renderPanelHtml({ ...input, nonce: 'abc' }));
    assert.throws(() => renderPanelHtml({ ...input, nonce: `${NONCE}' 'unsafe-inline` }));
  });
});

describe('CSP nonce', () => {
  it('is 32 letters and digits, fresh each time', () => {
    const nonces = new Set(Array.from({ length: 200 }, () => createNonce()));
    assert.equal(nonces.size, 200);
    for (const nonce of nonces) {
      assert.match(nonce, /^[A-Za-z0-9]{32}$/);
    }
    assert.doesNotThrow(() => renderPanelHtml({ ...input, nonce: createNonce() }));
  });
});

describe('webview code under the CSP', () => {
  const dir = path.join(ROOT, 'src', 'webview');
  const sources = readdirSync(dir)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => ({ name, text: readFileSync(path.join(dir, name), 'utf8') }));

  it('builds no markup from strings and sets no style attributes', () => {
    assert.ok(sources.length >= 5);
    for (const { name, text } of sources) {
      assert.ok(!/\.innerHTML\s*=|insertAdjacentHTML|outerHTML\s*=|document\.write/.test(text), `${name} uses no HTML strings`);
      assert.ok(!/setAttribute\(\s*['"]style['"]/.test(text), `${name} sets no style attribute`);
      assert.ok(!/\beval\(|new Function\(/.test(text), `${name} evaluates no code`);
    }
  });

  it('reaches the document only through PANEL_IDS', () => {
    for (const { name, text } of sources) {
      assert.ok(!/getElementById\(\s*['"]/.test(text), `${name} uses PANEL_IDS, not literal ids`);
    }
  });
});
