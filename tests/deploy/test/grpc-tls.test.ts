/**
 * scripts/gen-certs.sh against a real gRPC server with mutual TLS, as customers runs it
 * (ServerCredentials.createSsl with client certificates required) and a client made the way
 * cart makes it. A stand-in ValidateToken handler keeps this independent of the customers code.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as grpc from '@grpc/grpc-js';
import {
  loadAuthProto,
  type AuthServiceClient,
  type ValidateTokenResponse__Output,
} from '@cartwright/protos';
import { readComposeFile, interpolateDocument, serviceEnvironment } from '../src/compose.js';
import { generateCertificates } from '../src/gen-certs.js';
import { renderKustomization } from '../src/k8s.js';
import { envValue, mainContainer } from '../src/k8s-checks.js';

const proto = loadAuthProto();
let certs: string;
let otherCa: string;
let server: grpc.Server;
let port: number;
const read = (dir: string, file: string) => readFileSync(join(dir, file));

beforeAll(async () => {
  certs = generateCertificates(['--days', '2']);
  otherCa = generateCertificates(['--days', '2']);
  server = new grpc.Server();
  server.addService(proto.customers.v1.AuthService.service, {
    ValidateToken: (_call: unknown, callback: grpc.sendUnaryData<object>) =>
      callback(null, { user_id: 'u-1', email: 'user1@example.com', is_admin: false }),
  });
  const credentials = grpc.ServerCredentials.createSsl(
    read(certs, 'ca.crt'),
    [{ private_key: read(certs, 'customers.key'), cert_chain: read(certs, 'customers.crt') }],
    true,
  );
  port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', credentials, (error, bound) => (error ? reject(error) : resolve(bound))),
  );
});

afterAll(() => {
  server?.forceShutdown();
});

/** One ValidateToken call; resolves with the answer or the gRPC status code. */
function call(options: {
  clientDir?: string;
  serverName: string;
}): Promise<ValidateTokenResponse__Output | grpc.status> {
  const credentials = grpc.credentials.createSsl(
    read(certs, 'ca.crt'),
    options.clientDir ? read(options.clientDir, 'cart.key') : null,
    options.clientDir ? read(options.clientDir, 'cart.crt') : null,
  );
  const client = new proto.customers.v1.AuthService(`127.0.0.1:${port}`, credentials, {
    // Checks the certificate against the name cart would dial, while connecting to loopback.
    'grpc.ssl_target_name_override': options.serverName,
  }) as unknown as AuthServiceClient;
  return new Promise((resolve) => {
    client.ValidateToken({ token: 't' }, { deadline: Date.now() + 3000 }, (error, response) => {
      client.close();
      resolve(error ? (error.code as grpc.status) : (response as ValidateTokenResponse__Output));
    });
  });
}

const k8sHost = () => {
  const target = envValue(
    mainContainer(renderKustomization('deploy/k8s/overlays/local'), 'cart'),
    'CUSTOMERS_GRPC_TARGET',
  );
  return /^dns:\/\/\/([^:]+):\d+$/.exec(target ?? '')?.[1] ?? 'not found';
};
const composeHost = () => {
  const env = serviceEnvironment(
    interpolateDocument(readComposeFile('docker-compose.yml'), {}).services.cart ?? {},
  );
  return /^dns:\/\/\/([^:]+):\d+$/.exec(env.CUSTOMERS_GRPC_TARGET ?? '')?.[1] ?? 'not found';
};

describe('scripts/gen-certs.sh with a mutual-TLS gRPC server', () => {
  test('when cart presents the client certificate, then ValidateToken answers (compose and k8s names)', async () => {
    for (const serverName of [composeHost(), k8sHost()]) {
      await expect(call({ clientDir: certs, serverName })).resolves.toMatchObject({ user_id: 'u-1' });
    }
  });

  test('when the client certificate comes from another CA, then the call is refused with UNAVAILABLE', async () => {
    await expect(call({ clientDir: otherCa, serverName: 'customers' })).resolves.toBe(
      grpc.status.UNAVAILABLE,
    );
  });

  test('when the client has no certificate, then the call is refused with UNAVAILABLE', async () => {
    await expect(call({ serverName: 'customers' })).resolves.toBe(grpc.status.UNAVAILABLE);
  });

  test('when the client dials a name the certificate does not carry, then it refuses the server', async () => {
    await expect(call({ clientDir: certs, serverName: 'customers.evil.example' })).resolves.toBe(
      grpc.status.UNAVAILABLE,
    );
  });

  test('when the certificates are inspected, then names, usages, validity and key modes are right', () => {
    const server = new X509Certificate(read(certs, 'customers.crt'));
    const sans = (server.subjectAltName ?? '').split(', ');
    for (const host of [composeHost(), k8sHost(), 'localhost']) expect(sans).toContain(`DNS:${host}`);
    expect(server.checkIssued(new X509Certificate(read(certs, 'ca.crt')))).toBe(true);
    const client = new X509Certificate(read(certs, 'cart.crt'));
    expect(client.subject).toContain('CN=cart');
    const days = (Date.parse(server.validTo) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(1.9);
    expect(days).toBeLessThan(2.1);
    for (const key of ['ca.key', 'customers.key', 'cart.key']) {
      expect(statSync(join(certs, key)).mode & 0o077).toBe(0);
    }
  });

  test('when asked for another namespace and extra names, then the server certificate carries them', () => {
    const dir = generateCertificates(['--namespace', 'shop', '--san', 'customers.internal.example']);
    const sans = new X509Certificate(read(dir, 'customers.crt')).subjectAltName ?? '';
    expect(sans).toContain('DNS:customers-grpc.shop.svc.cluster.local');
    expect(sans).toContain('DNS:customers.internal.example');
  });
});
