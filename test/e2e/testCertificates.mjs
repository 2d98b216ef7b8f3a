// A throw-away certificate authority and a server certificate for the host names the installed-extension tests
// stand in for (e.g. api.eu.residency.elevenlabs.io), made with Debian's openssl in a temp folder. The VS Code
// server is told to trust the CA through NODE_EXTRA_CA_CERTS, so the extension makes a real HTTPS request to the
// real host name, which the recording proxy hands to the fake API.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function openssl(args, cwd) {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * @param {string[]} hostNames the DNS names the server certificate is for
 * @returns {{ caFile: string, key: string, cert: string, remove(): void }}
 */
export function makeTestCertificates(hostNames) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'elevenlabs-usage-certs-'));
  try {
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=ElevenLabs Usage test CA', '-keyout', 'ca.key', '-out', 'ca.pem'], dir);
    openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${hostNames[0]}`, '-keyout', 'server.key', '-out', 'server.csr'], dir);
    fs.writeFileSync(
      path.join(dir, 'server.ext'),
      `basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=${hostNames.map((h) => `DNS:${h}`).join(',')}\n`,
    );
    openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', 'server.ext', '-out', 'server.pem'], dir);
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`openssl could not make the test certificates (apt-get install -y openssl): ${error.stderr?.toString() || error.message}`, { cause: error });
  }
  return {
    caFile: path.join(dir, 'ca.pem'),
    key: fs.readFileSync(path.join(dir, 'server.key'), 'utf8'),
    cert: fs.readFileSync(path.join(dir, 'server.pem'), 'utf8'),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
