import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { createTestDatabase, type TestDatabase } from '@cartwright/platform/testing';
import { schema, type CartSchema } from '../../src/adapters/db/schema.js';
import { startFakeCustomers, userToken, type FakeCustomers } from '../support/fake-customers.js';
import { bearer, startCartApp } from '../support/cart-app.js';

/** A throwaway CA, a server certificate for customers.internal and a client certificate. */
function makeCertificates(
  dir: string,
): Record<'ca' | 'serverCert' | 'serverKey' | 'clientCert' | 'clientKey', string> {
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=test-ca',
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
  );
  const issue = (name: string, subject: string, extensions: string) => {
    writeFileSync(file(`${name}.ext`), extensions);
    openssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      subject,
      '-keyout',
      file(`${name}.key`),
      '-out',
      file(`${name}.csr`),
    );
    openssl(
      'x509',
      '-req',
      '-in',
      file(`${name}.csr`),
      '-CA',
      file('ca.pem'),
      '-CAkey',
      file('ca.key'),
      '-CAcreateserial',
      '-days',
      '1',
      '-extfile',
      file(`${name}.ext`),
      '-out',
      file(`${name}.pem`),
    );
  };
  issue(
    'server',
    '/CN=customers.internal',
    'subjectAltName=DNS:customers.internal\nextendedKeyUsage=serverAuth\n',
  );
  issue('client', '/CN=cart', 'extendedKeyUsage=clientAuth\n');
  return {
    ca: file('ca.pem'),
    serverCert: file('server.pem'),
    serverKey: file('server.key'),
    clientCert: file('client.pem'),
    clientKey: file('client.key'),
  };
}

describe('TLS to customers', () => {
  let dir: string;
  let certs: ReturnType<typeof makeCertificates>;
  let database: TestDatabase<CartSchema>;
  let tlsServer: FakeCustomers;
  let mtlsServer: FakeCustomers;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cart-tls-'));
    certs = makeCertificates(dir);
    const keyPair = [
      { private_key: readFileSync(certs.serverKey), cert_chain: readFileSync(certs.serverCert) },
    ];
    const ca = readFileSync(certs.ca);
    tlsServer = await startFakeCustomers({
      credentials: grpc.ServerCredentials.createSsl(ca, keyPair, false),
    });
    mtlsServer = await startFakeCustomers({
      credentials: grpc.ServerCredentials.createSsl(ca, keyPair, true),
    });
    database = await createTestDatabase({ service: 'cart', schema });
  });
  afterAll(async () => {
    await tlsServer.stop();
    await mtlsServer.stop();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Status of GET /api/v1/cart through a cart app configured with `env`. */
  async function cartStatus(server: FakeCustomers, env: Record<string, string>): Promise<number> {
    const app = await startCartApp(database, server.target, { env });
    try {
      const response = await app.http.inject({
        method: 'GET',
        url: '/api/v1/cart',
        headers: bearer(userToken(randomUUID())),
      });
      return response.statusCode;
    } finally {
      await app.close();
    }
  }

  it('when only a CA is configured, then the channel uses TLS and checks the server name', async () => {
    const env = {
      CUSTOMERS_GRPC_TLS_CA_FILE: certs.ca,
      CUSTOMERS_GRPC_TLS_SERVER_NAME: 'customers.internal',
    };
    expect(await cartStatus(tlsServer, env)).toBe(200);
    // Without the override the certificate (customers.internal) does not match 127.0.0.1.
    expect(await cartStatus(tlsServer, { CUSTOMERS_GRPC_TLS_CA_FILE: certs.ca })).toBe(503);
  });

  it('when the server requires client certificates, then CA + cert + key connect and CA alone does not', async () => {
    const base = {
      CUSTOMERS_GRPC_TLS_CA_FILE: certs.ca,
      CUSTOMERS_GRPC_TLS_SERVER_NAME: 'customers.internal',
    };
    expect(
      await cartStatus(mtlsServer, {
        ...base,
        CUSTOMERS_GRPC_TLS_CERT_FILE: certs.clientCert,
        CUSTOMERS_GRPC_TLS_KEY_FILE: certs.clientKey,
      }),
    ).toBe(200);
    expect(await cartStatus(mtlsServer, base)).toBe(503);
  });

  it('when TLS is configured but the server speaks plaintext, then 503, not a hang', async () => {
    const plain = await startFakeCustomers();
    try {
      expect(await cartStatus(plain, { CUSTOMERS_GRPC_TLS_CA_FILE: certs.ca })).toBe(503);
    } finally {
      await plain.stop();
    }
  });
});
