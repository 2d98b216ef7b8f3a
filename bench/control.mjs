// The HTTP endpoint on 127.0.0.1 that the in-host suite (host/suite.js) talks to, and the rendezvous between the
// suite's invoke times and the webview probe's paint reports.
import { createServer } from 'node:http';

export async function startControl(plan) {
  const state = {
    activation: undefined,
    done: undefined,
    armed: undefined, // { size, rep, armedAt, invoked?, painted?, waiters: [] }
    runs: [], // finished chart runs
    frames: 0,
    data: {}, // size -> { data, query } from the first rep
  };
  let doneResolve;
  let release = Promise.resolve();
  const donePromise = new Promise((r) => (doneResolve = r));

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
          state.armed = { size: body.size, rep: body.rep, armedAt: performance.timeOrigin + performance.now(), waiters: [] };
          return send(res, 200, {});
        case 'POST /invoked': {
          const armed = state.armed;
          if (!armed || armed.size !== body.size || armed.rep !== body.rep) return send(res, 409, { error: 'not armed' });
          const { data, ...rest } = body;
          armed.invoked = rest;
          if (data) state.data[body.size] = { data, query: body.query };
          return send(res, 200, {});
        }
        case 'GET /painted': {
          const armed = state.armed;
          if (!armed) return send(res, 409, { error: 'not armed' });
          const finish = (ok) => {
            state.runs.push({ size: armed.size, rep: armed.rep, invoked: armed.invoked, painted: armed.painted, ok });
            state.armed = undefined;
            send(res, 200, { ok });
          };
          if (armed.painted) return finish(true);
          const timer = setTimeout(() => finish(false), plan.paintTimeoutMs);
          armed.waiters.push(() => {
            clearTimeout(timer);
            finish(true);
          });
          return undefined;
        }
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
      send(res, 500, { error: String(error) });
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
    if (payload.kind !== 'painted') return;
    const armed = state.armed;
    // Only a paint of a frame created after arming counts (closeAllEditors removed the previous panel).
    if (!armed || armed.painted || payload.marks.frameStart < armed.armedAt) return;
    armed.painted = payload;
    armed.waiters.splice(0).forEach((w) => w());
  };

  return {
    url: `http://127.0.0.1:${server.address().port}`,
    state,
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
