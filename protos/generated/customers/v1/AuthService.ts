// Original file: customers/v1/auth.proto

import type * as grpc from '@grpc/grpc-js';
import type { MethodDefinition } from '@grpc/proto-loader';
import type {
  ValidateTokenRequest as _customers_v1_ValidateTokenRequest,
  ValidateTokenRequest__Output as _customers_v1_ValidateTokenRequest__Output,
} from '../../customers/v1/ValidateTokenRequest.js';
import type {
  ValidateTokenResponse as _customers_v1_ValidateTokenResponse,
  ValidateTokenResponse__Output as _customers_v1_ValidateTokenResponse__Output,
} from '../../customers/v1/ValidateTokenResponse.js';
import type {
  ValidateTokensRequest as _customers_v1_ValidateTokensRequest,
  ValidateTokensRequest__Output as _customers_v1_ValidateTokensRequest__Output,
} from '../../customers/v1/ValidateTokensRequest.js';
import type {
  ValidateTokensResponse as _customers_v1_ValidateTokensResponse,
  ValidateTokensResponse__Output as _customers_v1_ValidateTokensResponse__Output,
} from '../../customers/v1/ValidateTokensResponse.js';

export interface AuthServiceClient extends grpc.Client {
  ValidateToken(
    argument: _customers_v1_ValidateTokenRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_customers_v1_ValidateTokenResponse__Output>,
  ): grpc.ClientUnaryCall;
  ValidateToken(
    argument: _customers_v1_ValidateTokenRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_customers_v1_ValidateTokenResponse__Output>,
  ): grpc.ClientUnaryCall;
  ValidateToken(
    argument: _customers_v1_ValidateTokenRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_customers_v1_ValidateTokenResponse__Output>,
  ): grpc.ClientUnaryCall;
  ValidateToken(
    argument: _customers_v1_ValidateTokenRequest,
    callback: grpc.requestCallback<_customers_v1_ValidateTokenResponse__Output>,
  ): grpc.ClientUnaryCall;
  validateToken(
    argument: _customers_v1_ValidateTokenRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_customers_v1_ValidateTokenResponse__Output>,
  ): grpc.ClientUnaryCall;
  validateToken(
    argument: _customers_v1_ValidateTokenRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_customers_v1_ValidateTokenResponse__Output>,
  ): grpc.ClientUnaryCall;
  validateToken(
    argument: _customers_v1_ValidateTokenRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_customers_v1_ValidateTokenResponse__Output>,
  ): grpc.ClientUnaryCall;
  validateToken(
    argument: _customers_v1_ValidateTokenRequest,
    callback: grpc.requestCallback<_customers_v1_ValidateTokenResponse__Output>,
  ): grpc.ClientUnaryCall;

  ValidateTokens(
    argument: _customers_v1_ValidateTokensRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_customers_v1_ValidateTokensResponse__Output>,
  ): grpc.ClientUnaryCall;
  ValidateTokens(
    argument: _customers_v1_ValidateTokensRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_customers_v1_ValidateTokensResponse__Output>,
  ): grpc.ClientUnaryCall;
  ValidateTokens(
    argument: _customers_v1_ValidateTokensRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_customers_v1_ValidateTokensResponse__Output>,
  ): grpc.ClientUnaryCall;
  ValidateTokens(
    argument: _customers_v1_ValidateTokensRequest,
    callback: grpc.requestCallback<_customers_v1_ValidateTokensResponse__Output>,
  ): grpc.ClientUnaryCall;
  validateTokens(
    argument: _customers_v1_ValidateTokensRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_customers_v1_ValidateTokensResponse__Output>,
  ): grpc.ClientUnaryCall;
  validateTokens(
    argument: _customers_v1_ValidateTokensRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_customers_v1_ValidateTokensResponse__Output>,
  ): grpc.ClientUnaryCall;
  validateTokens(
    argument: _customers_v1_ValidateTokensRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_customers_v1_ValidateTokensResponse__Output>,
  ): grpc.ClientUnaryCall;
  validateTokens(
    argument: _customers_v1_ValidateTokensRequest,
    callback: grpc.requestCallback<_customers_v1_ValidateTokensResponse__Output>,
  ): grpc.ClientUnaryCall;
}

export interface AuthServiceHandlers extends grpc.UntypedServiceImplementation {
  ValidateToken: grpc.handleUnaryCall<
    _customers_v1_ValidateTokenRequest__Output,
    _customers_v1_ValidateTokenResponse
  >;

  ValidateTokens: grpc.handleUnaryCall<
    _customers_v1_ValidateTokensRequest__Output,
    _customers_v1_ValidateTokensResponse
  >;
}

export interface AuthServiceDefinition extends grpc.ServiceDefinition {
  ValidateToken: MethodDefinition<
    _customers_v1_ValidateTokenRequest,
    _customers_v1_ValidateTokenResponse,
    _customers_v1_ValidateTokenRequest__Output,
    _customers_v1_ValidateTokenResponse__Output
  >;
  ValidateTokens: MethodDefinition<
    _customers_v1_ValidateTokensRequest,
    _customers_v1_ValidateTokensResponse,
    _customers_v1_ValidateTokensRequest__Output,
    _customers_v1_ValidateTokensResponse__Output
  >;
}
