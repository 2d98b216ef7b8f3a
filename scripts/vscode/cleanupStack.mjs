// What a runner must undo on every way out (fake API, server, browser, temporary folders), undone last first.

/**
 * A stack of undo steps. `run()` undoes them once, last first (later calls get the same promise); a step that
 * fails is logged with `tag` and the rest still run. With `limitMs`, a step that hangs (a stuck browser) is
 * given up after that long, so that it cannot keep a server's process group alive.
 * @param {string} tag e.g. "[e2e]"
 * @param {{limitMs?: number}} [options]
 */
export function cleanupStack(tag, options = {}) {
  /** @type {Array<{fn: () => unknown, name?: string}>} */
  const steps = [];
  let running;
  const limited = (fn) =>
    options.limitMs === undefined
      ? Promise.resolve().then(fn)
      : Promise.race([
          Promise.resolve().then(fn),
          new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), options.limitMs).unref()),
        ]);
  return {
    /** Adds an undo step; `name` says which one failed, in the log. */
    push(fn, name) {
      steps.push({ fn, name });
    },
    run() {
      running ??= (async () => {
        while (steps.length > 0) {
          const { fn, name } = steps.pop();
          try {
            await limited(fn);
          } catch (error) {
            console.error(`${tag} cleanup${name ? ` (${name})` : ''}: ${error.message}`);
          }
        }
      })();
      return running;
    },
  };
}
