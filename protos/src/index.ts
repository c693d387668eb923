import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { ProtoGrpcType as AuthProto } from '../generated/auth.js';
import type { ProtoGrpcType as UserEventsProto } from '../generated/user_events.js';

export type { AuthServiceClient, AuthServiceHandlers } from '../generated/customers/v1/AuthService.js';
export type {
  ValidateTokenRequest,
  ValidateTokenRequest__Output,
} from '../generated/customers/v1/ValidateTokenRequest.js';
export type {
  ValidateTokenResponse,
  ValidateTokenResponse__Output,
} from '../generated/customers/v1/ValidateTokenResponse.js';

export type {
  ValidateTokensRequest,
  ValidateTokensRequest__Output,
} from '../generated/customers/v1/ValidateTokensRequest.js';
export type {
  ValidateTokensResponse,
  ValidateTokensResponse__Output,
} from '../generated/customers/v1/ValidateTokensResponse.js';
export type {
  ValidateTokenResult,
  ValidateTokenResult__Output,
} from '../generated/customers/v1/ValidateTokenResult.js';

export type {
  UserEventsServiceClient,
  UserEventsServiceHandlers,
} from '../generated/customers/v1/UserEventsService.js';
export type { UserEvent, UserEvent__Output } from '../generated/customers/v1/UserEvent.js';
export type { SubscribeRequest__Output } from '../generated/customers/v1/SubscribeRequest.js';

/** The most tokens one ValidateTokens call may carry. */
export const maxValidateTokensBatch = 256;

/** The most user ids one FindExistingUsers call may carry. */
export const maxFindExistingUsersBatch = 1000;

/** The stream's keep-alive message: no id, no user, nothing to apply. */
export const heartbeatEventType = 'heartbeat';

/**
 * Where the .proto files live, for tools that load them by path: the package root, one level
 * up from src/ when run from source, two from dist/src/ when built.
 */
export const protoRoot = [new URL('..', import.meta.url), new URL('../..', import.meta.url)]
  .map((url) => fileURLToPath(url))
  .find((dir) => existsSync(join(dir, 'customers', 'v1', 'auth.proto'))) as string;

/**
 * The options the generated types were made with (see package.json "gen"): snake_case field
 * names as on the wire, 64-bit integers as strings, enums as strings, defaults filled in.
 */
export const loaderOptions: protoLoader.Options = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [protoRoot],
};

/** Loads customers.v1 (AuthService); call once at start-up and keep the result. */
export function loadAuthProto(): AuthProto {
  const definition = protoLoader.loadSync('customers/v1/auth.proto', loaderOptions);
  return grpc.loadPackageDefinition(definition) as unknown as AuthProto;
}

/** Loads customers.v1 (UserEventsService); call once at start-up and keep the result. */
export function loadUserEventsProto(): UserEventsProto {
  const definition = protoLoader.loadSync('customers/v1/user_events.proto', loaderOptions);
  return grpc.loadPackageDefinition(definition) as unknown as UserEventsProto;
}
