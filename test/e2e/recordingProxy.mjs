// An HTTP(S) forward proxy on 127.0.0.1 that records where every request was going. The VS Code server and its
// extension host are started with HTTPS_PROXY/HTTP_PROXY pointing here, so every request they make to another
// host passes through it: a tunnel (CONNECT) to a host in `routes` is joined to the local server standing in for
// it (the fake API); anything else is refused and recorded, so a test can fail on a request to the wrong host.
import http from 'node:http';
import net from 'node:net';

/**
 * @param {{ routes: Record<string, number> }} options  "host:port" → the local port that stands in for it
 * @returns {Promise<{ url: string, seen: Array<{ target: string, method: string, routed: boolean, atMs: number }>, close(): Promise<void> }>}
 */
export async function startRecordingProxy(options) {
  const seen = [];
  const sockets = new Set();
  const server = http.createServer((req, res) => {
    // A plain-HTTP request through the proxy (absolute URL): never expected, so recorded and refused.
    let target = req.url ?? '';
    try {
      target = new URL(req.url).host;
    } catch {
      /* not an absolute URL */
    }
    seen.push({ target, method: req.method ?? 'GET', routed: false, atMs: Date.now() });
    res.writeHead(403, { 'content-type': 'text/plain' }).end('refused by the test proxy');
  });
  server.on('connect', (req, clientSocket, head) => {
    const target = (req.url ?? '').toLowerCase();
    const port = options.routes[target];
    seen.push({ target, method: 'CONNECT', routed: port !== undefined, atMs: Date.now() });
    sockets.add(clientSocket);
    clientSocket.on('close', () => sockets.delete(clientSocket));
    clientSocket.on('error', () => {});
    if (port === undefined) {
      clientSocket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const upstream = net.connect(port, '127.0.0.1', () => {
      clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head && head.length > 0) upstream.write(head);
      upstream.pipe(clientSocket);
      clientSocket.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => clientSocket.destroy());
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
