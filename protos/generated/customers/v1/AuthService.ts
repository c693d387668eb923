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
}

export interface AuthServiceHandlers extends grpc.UntypedServiceImplementation {
  ValidateToken: grpc.handleUnaryCall<
    _customers_v1_ValidateTokenRequest__Output,
    _customers_v1_ValidateTokenResponse
  >;
}

export interface AuthServiceDefinition extends grpc.ServiceDefinition {
  ValidateToken: MethodDefinition<
    _customers_v1_ValidateTokenRequest,
    _customers_v1_ValidateTokenResponse,
    _customers_v1_ValidateTokenRequest__Output,
    _customers_v1_ValidateTokenResponse__Output
  >;
}
