// The order of the chart's draws (src/webview/drawQueue.ts, which the webview's ChartView draws through): a draw
// still running when the chart is cleared cannot bring its chart back afterwards, nor pass for the chart on screen.
import * as assert from 'node:assert/strict';
import { DrawQueue } from '../../../src/webview/drawQueue';

/** A promise and the function that settles it: a draw's Vega run that ends when the test says. */
function gate(): { promise: Promise<void>; open: () => void; fail: (error: Error) => void } {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

describe('the order of the chart\u2019s draws', () => {
  it('clears after a draw that is still running, and that draw does not count as the chart on screen', async () => {
    // (Before: the clearing ran at once, and the draw ended after it, its old chart on screen again.)
    const queue = new DrawQueue();
    const screen: string[] = [];
    const running = gate();
    const started = gate();
    const draw = queue.draw(async () => {
      started.open();
      await running.promise;
      screen.push('old chart');
    });
    // An empty result arrives while the draw runs.
    await started.promise;
    const cleared = queue.clear(() => screen.push('cleared'));
    running.open();
    assert.equal(await draw, false, 'superseded by the clearing');
    await cleared;
    assert.deepEqual(screen, ['old chart', 'cleared'], 'the clearing comes last');
  });

  it('resolves true for a draw that nothing came after, and skips a queued draw that a later one superseded', async () => {
    const queue = new DrawQueue();
    const drawn: string[] = [];
    const running = gate();
    const started = gate();
    const first = queue.draw(async () => {
      started.open();
      await running.promise;
      drawn.push('first');
    });
    await started.promise;
    const second = queue.draw(async () => {
      drawn.push('second');
    });
    const third = queue.draw(async (current) => {
      await Promise.resolve();
      assert.ok(current());
      drawn.push('third');
    });
    running.open();
    assert.deepEqual(await Promise.all([first, second, third]), [false, false, true]);
    assert.deepEqual(drawn, ['first', 'third'], 'the first ran to its end, the second never started: the third replaced it');
  });

  it('reports the failure of the current draw, and not that of a superseded one', async () => {
    const queue = new DrawQueue();
    await assert.rejects(
      queue.draw(async () => {
        throw new Error('Vega failed');
      }),
      /Vega failed/,
    );
    const running = gate();
    const started = gate();
    const superseded = queue.draw(() => {
      started.open();
      return running.promise;
    });
    await started.promise;
    const cleared = queue.clear(() => undefined);
    running.fail(new Error('Vega failed late'));
    assert.equal(await superseded, false);
    await cleared;
  });

  it('runs a theme change in turn without superseding the draw before it', async () => {
    const queue = new DrawQueue();
    const order: string[] = [];
    const running = gate();
    const started = gate();
    const draw = queue.draw(async () => {
      started.open();
      await running.promise;
      order.push('draw');
    });
    await started.promise;
    const retheme = queue.run(async () => {
      order.push('retheme');
    });
    running.open();
    assert.equal(await draw, true);
    await retheme;
    await queue.idle();
    assert.deepEqual(order, ['draw', 'retheme']);
  });
});
