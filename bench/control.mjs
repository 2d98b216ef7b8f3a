// The HTTP endpoint on 127.0.0.1 that the in-host suite (host/suite.js) talks to: the rendezvous between the
// suite's invoke times and the webview probe's paint reports, and the way the suite asks the runner for what only
// the runner can do (click in the page, render the baseline pages in the same browser, read the page's heap).
import { createServer } from 'node:http';

/**
 * @param {object} plan  what the suite runs (GET /plan)
 * @param {{ click?: (target: string) => Promise<number>, baseline?: (size: string, rep: number, data: object) => Promise<object[]>,
 *           pageHeap?: () => Promise<object> }} hooks  filled in by the runner once its page is up
 */
export async function startControl(plan, hooks = {}) {
  const state = {
    activation: undefined,
    done: undefined,
    armed: undefined, // { size, rep, expect, armedAt, invoked?, painted?, waiters: [] }
    runs: [], // finished chart runs
    baselines: [], // { size, rep, variant, ... } from the baseline pages, interleaved with ours
    heaps: [], // { what, ... }
    frames: 0,
    data: {}, // size -> { data, query, width } from the first rep
  };
  let doneResolve;
  let release = Promise.resolve();
  const donePromise = new Promise((r) => (doneResolve = r));
  const wallNow = () => performance.timeOrigin + performance.now();

  const readBody = (req) =>
    new Promise((resolve, reject) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve(text ? JSON.parse(text) : undefined);
        } catch (error) {
          reject(error);
        }
      });
      req.on('error', reject);
    });
  const send = (res, status, body) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? {}));
  };

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      const body = req.method === 'POST' ? await readBody(req) : undefined;
      switch (`${req.method} ${url.pathname}`) {
        case 'GET /plan':
          return send(res, 200, plan);
        case 'POST /activation':
          state.activation = body;
          return send(res, 200, {});
        case 'POST /arm':
          state.armed = { size: body.size, rep: body.rep, expect: body.expect ?? 'fresh', transition: body.transition, armedAt: wallNow(), waiters: [] };
          return send(res, 200, {});
        case 'POST /invoked': {
          const armed = state.armed;
          if (!armed || armed.size !== body.size || armed.rep !== body.rep) return send(res, 409, { error: 'not armed' });
          const { data, ...rest } = body;
          armed.invoked = rest;
          if (data) state.data[body.size] = { data, query: body.query };
          return send(res, 200, {});
        }
        case 'POST /click': {
          // A person's click in the workbench page: t0 just before Playwright dispatches it.
          const armed = state.armed;
          if (!armed || !hooks.click) return send(res, 409, { error: 'not armed, or no page' });
          const t0 = await hooks.click(body.target);
          armed.invoked = { size: armed.size, rep: armed.rep, t0 };
          return send(res, 200, { t0 });
        }
        case 'GET /painted': {
          const armed = state.armed;
          if (!armed) return send(res, 409, { error: 'not armed' });
          const finish = (ok) => {
            state.runs.push({ size: armed.size, rep: armed.rep, expect: armed.expect, transition: armed.transition, invoked: armed.invoked, painted: armed.painted, ok });
            state.armed = undefined;
            send(res, 200, { ok, painted: armed.painted });
          };
          if (armed.painted) return finish(true);
          const timer = setTimeout(() => finish(false), plan.paintTimeoutMs);
          armed.waiters.push(() => {
            clearTimeout(timer);
            finish(true);
          });
          return undefined;
        }
        case 'POST /diagnostics': {
          // What the panel did during the last run: its compiles and when its messages went to the page.
          const last = state.runs.at(-1);
          if (last) last.diagnostics = body;
          return send(res, 200, {});
        }
        case 'POST /baseline': {
          // The baseline pages for this size, in the same browser, between two of our runs.
          const shown = state.data[body.size];
          const ours = state.runs.find((r) => r.size === body.size && r.ok && r.painted);
          if (!shown || !ours || !hooks.baseline) return send(res, 409, { error: 'no data for this size yet' });
          const results = await hooks.baseline(body.size, body.rep, { ...shown, width: ours.painted.chartWidth || 900 });
          state.baselines.push(...results.map((r) => ({ size: body.size, rep: body.rep, ...r })));
          return send(res, 200, {});
        }
        case 'POST /fake': {
          // The fake API's account, changed for the steps that follow (e.g. { splitSeries: 3 }).
          if (!hooks.fake) return send(res, 409, { error: 'no fake API to change' });
          hooks.fake(body);
          return send(res, 200, {});
        }
        case 'POST /pageHeap': {
          const heap = hooks.pageHeap ? await hooks.pageHeap() : undefined;
          state.heaps.push({ what: body.what, ...heap });
          return send(res, 200, heap ?? {});
        }
        case 'POST /hostHeap':
          state.heaps.push(body);
          return send(res, 200, {});
        case 'GET /release':
          // The suite waits here before it ends the session, until the runner has what it reads from the page.
          await Promise.race([release, new Promise((r) => setTimeout(r, 10_000))]);
          return send(res, 200, {});
        case 'POST /done':
          state.done = body;
          doneResolve(body);
          return send(res, 200, {});
        default:
          return send(res, 404, { error: 'no such route' });
      }
    } catch (error) {
      send(res, 500, { error: String(error && error.stack ? error.stack : error) });
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });

  /** From the webview probe (through the page binding). */
  const onProbe = (payload) => {
    if (process.env.ELEVENLABS_BENCH_DEBUG === '1') console.log('[bench:probe]', JSON.stringify(payload), 'armed', state.armed && state.armed.armedAt);
    if (payload.kind === 'frame') {
      state.frames++;
      return;
    }
    const armed = state.armed;
    if (!armed || armed.painted) return;
    if (armed.expect === 'fresh') {
      // Only the first paint of a frame created after arming counts (closeAllEditors removed the previous panel).
      if (payload.kind !== 'painted' || payload.marks.frameStart < armed.armedAt) return;
      armed.painted = payload;
    } else {
      // A chart drawn again in the panel on screen, after arming.
      if (payload.kind !== 'drawn' || payload.drawn.at < armed.armedAt) return;
      armed.painted = { ...payload, marks: { ...payload.marks, chart: payload.drawn.at, painted: payload.drawn.painted } };
    }
    armed.waiters.splice(0).forEach((w) => w());
  };

  return {
    url: `http://127.0.0.1:${server.address().port}`,
    state,
    hooks,
    done: donePromise,
    onProbe,
    /** The suite's GET /release answers once `promise` settles (at most 10 s). */
    holdUntil: (promise) => {
      release = promise.catch(() => undefined);
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
