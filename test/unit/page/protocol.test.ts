import * as assert from 'node:assert/strict';
import { parsePanelState, parseWebviewMessage } from '../../../src/page/protocol';

const query = { preset: 'last7Days', startUnix: 1_763_000_000_000, endUnix: 1_763_600_000_000, aggregationInterval: 'day', breakdownType: 'voice', metric: 'credits', includeWorkspaceMetrics: false };

describe('webview messages', () => {
  it('accepts each well-formed message', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'query', query }), { type: 'query', query });
    assert.deepEqual(parseWebviewMessage({ type: 'exportData', format: 'csv' }), { type: 'exportData', format: 'csv' });
    assert.deepEqual(parseWebviewMessage({ type: 'exportImage', format: 'png', data: 'data:image/png;base64,iVBORw0KGgo=' }), { type: 'exportImage', format: 'png', data: 'data:image/png;base64,iVBORw0KGgo=' });
    assert.equal(parseWebviewMessage({ type: 'exportImage', format: 'svg', data: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' })?.type, 'exportImage');
  });

  it('takes a ready message whose view is not valid as ready without a view (the page must not wait for good)', () => {
    const view = { width: 800, fontSize: 13 };
    assert.deepEqual(parseWebviewMessage({ type: 'ready', view }), { type: 'ready', view });
    for (const bad of [{ width: 20_001, fontSize: 13 }, { width: 800, fontSize: 100 }, { width: -1, fontSize: 13 }, 'wide', null]) {
      assert.deepEqual(parseWebviewMessage({ type: 'ready', view: bad }), { type: 'ready' }, JSON.stringify(bad));
    }
  });

  it('drops extra fields so nothing unexpected reaches the host', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'query', query: { ...query, apiKey: 'x', __proto__: { evil: 1 } } }), { type: 'query', query });
  });

  const malformed: unknown[] = [
    null, 42, 'ready', [], {}, { type: 'nope' }, { type: 'query' },
    { type: 'query', query: { ...query, startUnix: '1' } },
    { type: 'query', query: { ...query, startUnix: 1.5 } },
    { type: 'query', query: { ...query, preset: 'forever' } },
    { type: 'query', query: { ...query, metric: 'credits; drop' } },
    { type: 'query', query: { ...query, aggregationBucketSize: -5 } },
    { type: 'query', query: { ...query, includeWorkspaceMetrics: 'yes' } },
    { type: 'exportData', format: 'xlsx' },
    { type: 'exportImage', format: 'png', data: 'data:text/html;base64,PGgxPg==' },
    { type: 'exportImage', format: 'png', data: `data:image/png;base64,${Buffer.from('<svg onload="alert(1)"/>').toString('base64')}` },
    { type: 'exportImage', format: 'png', data: 42 },
    { type: 'exportImage', format: 'svg', data: '<script>alert(1)</script>' },
    { type: 'exportImage', format: 'svg', data: '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>' },
    { type: 'exportImage', format: 'svg', data: '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>' },
    { type: 'exportImage', format: 'svg', data: '<svg><a href="javascript:alert(1)"><text>x</text></a></svg>' },
    { type: 'exportImage', format: 'svg', data: '<svg><foreignObject><body xmlns="http://www.w3.org/1999/xhtml"></body></foreignObject></svg>' },
  ];
  malformed.forEach((message, i) => {
    it(`ignores malformed message #${i}`, () => assert.equal(parseWebviewMessage(message), undefined));
  });

  it('reads persisted panel state only when it is a valid query', () => {
    assert.deepEqual(parsePanelState({ query }), { query });
    assert.equal(parsePanelState({ query: { ...query, metric: 5 } }), undefined);
    assert.equal(parsePanelState(undefined), undefined);
  });
});
