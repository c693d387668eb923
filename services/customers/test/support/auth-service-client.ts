import { beforeAll, afterAll } from '@jest/globals';
import * as grpc from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import {
  loadAuthProto,
  type AuthServiceClient,
  type ValidateTokenResponse__Output,
  type ValidateTokensResponse__Output,
} from '@cartwright/protos';
import type { TestApp } from './test-app.js';

const proto = loadAuthProto();

export function authServiceClient(
  address: string,
  credentials: grpc.ChannelCredentials = grpc.credentials.createInsecure(),
): AuthServiceClient {
  return new proto.customers.v1.AuthService(address, credentials);
}

export function validateToken(
  client: AuthServiceClient,
  token: string,
): Promise<ValidateTokenResponse__Output> {
  return new Promise((resolve, reject) => {
    client.ValidateToken({ token }, { deadline: Date.now() + 10_000 }, (error, response) =>
      error ? reject(error) : resolve(response as ValidateTokenResponse__Output),
    );
  });
}

export function validateTokens(
  client: AuthServiceClient,
  tokens: string[],
): Promise<ValidateTokensResponse__Output> {
  return new Promise((resolve, reject) => {
    client.ValidateTokens({ tokens }, { deadline: Date.now() + 10_000 }, (error, response) =>
      error ? reject(error) : resolve(response as ValidateTokensResponse__Output),
    );
  });
}

/** The status a ValidateToken call fails with; throws when the token is accepted. */
export async function refusalOf(
  client: AuthServiceClient,
  token: string,
): Promise<{ code: number; details: string }> {
  try {
    await validateToken(client, token);
  } catch (error) {
    const { code, details } = error as grpc.ServiceError;
    return { code, details };
  }
  throw new Error('the token was accepted');
}

/** What the standard grpc.health.v1.Health service at `address` answers for `service`. */
export async function healthStatus(address: string, service = ''): Promise<string> {
  const Health = grpc.makeClientConstructor(healthService as unknown as grpc.ServiceDefinition, 'Health');
  const health = new Health(address, grpc.credentials.createInsecure()) as unknown as {
    Check(
      request: { service: string },
      callback: (error: Error | null, response: { status: string }) => void,
    ): void;
    close(): void;
  };
  try {
    const response = await new Promise<{ status: string }>((resolve, reject) =>
      health.Check({ service }, (error, value) => (error ? reject(error) : resolve(value))),
    );
    return response.status;
  } finally {
    health.close();
  }
}

/**
 * For the tests of the enclosing describe block: `app`'s gRPC server on a free loopback port
 * and a plaintext client. Call it inside a describe: its hooks then close the client before
 * the file's app stops, whose shutdown would otherwise wait for this connection.
 */
export function authServiceOf(app: TestApp) {
  let client: AuthServiceClient | undefined;
  let address = '';
  beforeAll(async () => {
    address = `127.0.0.1:${await app.grpcServer.listen('127.0.0.1', 0)}`;
    client = authServiceClient(address);
  });
  afterAll(() => {
    client?.close();
  });
  const connected = () => {
    if (!client) throw new Error('the AuthService client is not connected yet');
    return client;
  };
  return {
    address: () => address,
    validate: (token: string) => validateToken(connected(), token),
    validateMany: (tokens: string[]) => validateTokens(connected(), tokens),
    refusal: (token: string) => refusalOf(connected(), token),
  };
}
