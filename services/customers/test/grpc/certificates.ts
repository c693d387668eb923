import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestPki {
  dir: string;
  files: { caCert: string; serverCert: string; serverKey: string; clientCert: string; clientKey: string };
  read(name: keyof TestPki['files']): Buffer;
  remove(): void;
}

/** A throwaway CA with a server certificate for 127.0.0.1 and one client certificate, via openssl. */
export function createTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'customers-pki-'));
  const path = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });

  openssl(
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=cartwright test CA',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
  );
  const issue = (name: string, subject: string, extensions: string) => {
    writeFileSync(path(`${name}.ext`), extensions);
    openssl(
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-subj',
      subject,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
    );
    openssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '1',
      '-extfile',
      `${name}.ext`,
      '-out',
      `${name}.crt`,
    );
  };
  issue(
    'server',
    '/CN=customers',
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n',
  );
  issue('client', '/CN=cart', 'extendedKeyUsage=clientAuth\n');

  const files = {
    caCert: path('ca.crt'),
    serverCert: path('server.crt'),
    serverKey: path('server.key'),
    clientCert: path('client.crt'),
    clientKey: path('client.key'),
  };
  return {
    dir,
    files,
    read: (name) => readFileSync(files[name]),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** customers' variables for a gRPC server that requires client certificates signed by `pki`. */
export const mutualTlsEnv = (pki: TestPki): Record<string, string> => ({
  GRPC_TLS_CERT_FILE: pki.files.serverCert,
  GRPC_TLS_KEY_FILE: pki.files.serverKey,
  GRPC_TLS_CLIENT_CA_FILE: pki.files.caCert,
});
