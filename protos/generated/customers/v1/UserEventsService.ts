// Original file: customers/v1/user_events.proto

import type * as grpc from '@grpc/grpc-js';
import type { MethodDefinition } from '@grpc/proto-loader';
import type {
  FindExistingUsersRequest as _customers_v1_FindExistingUsersRequest,
  FindExistingUsersRequest__Output as _customers_v1_FindExistingUsersRequest__Output,
} from '../../customers/v1/FindExistingUsersRequest.js';
import type {
  FindExistingUsersResponse as _customers_v1_FindExistingUsersResponse,
  FindExistingUsersResponse__Output as _customers_v1_FindExistingUsersResponse__Output,
} from '../../customers/v1/FindExistingUsersResponse.js';
import type {
  SubscribeRequest as _customers_v1_SubscribeRequest,
  SubscribeRequest__Output as _customers_v1_SubscribeRequest__Output,
} from '../../customers/v1/SubscribeRequest.js';
import type {
  UserEvent as _customers_v1_UserEvent,
  UserEvent__Output as _customers_v1_UserEvent__Output,
} from '../../customers/v1/UserEvent.js';

export interface UserEventsServiceClient extends grpc.Client {
  FindExistingUsers(
    argument: _customers_v1_FindExistingUsersRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_customers_v1_FindExistingUsersResponse__Output>,
  ): grpc.ClientUnaryCall;
  FindExistingUsers(
    argument: _customers_v1_FindExistingUsersRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_customers_v1_FindExistingUsersResponse__Output>,
  ): grpc.ClientUnaryCall;
  FindExistingUsers(
    argument: _customers_v1_FindExistingUsersRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_customers_v1_FindExistingUsersResponse__Output>,
  ): grpc.ClientUnaryCall;
  FindExistingUsers(
    argument: _customers_v1_FindExistingUsersRequest,
    callback: grpc.requestCallback<_customers_v1_FindExistingUsersResponse__Output>,
  ): grpc.ClientUnaryCall;
  findExistingUsers(
    argument: _customers_v1_FindExistingUsersRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_customers_v1_FindExistingUsersResponse__Output>,
  ): grpc.ClientUnaryCall;
  findExistingUsers(
    argument: _customers_v1_FindExistingUsersRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_customers_v1_FindExistingUsersResponse__Output>,
  ): grpc.ClientUnaryCall;
  findExistingUsers(
    argument: _customers_v1_FindExistingUsersRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_customers_v1_FindExistingUsersResponse__Output>,
  ): grpc.ClientUnaryCall;
  findExistingUsers(
    argument: _customers_v1_FindExistingUsersRequest,
    callback: grpc.requestCallback<_customers_v1_FindExistingUsersResponse__Output>,
  ): grpc.ClientUnaryCall;

  Subscribe(
    argument: _customers_v1_SubscribeRequest,
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_customers_v1_UserEvent__Output>;
  Subscribe(
    argument: _customers_v1_SubscribeRequest,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_customers_v1_UserEvent__Output>;
  subscribe(
    argument: _customers_v1_SubscribeRequest,
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_customers_v1_UserEvent__Output>;
  subscribe(
    argument: _customers_v1_SubscribeRequest,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_customers_v1_UserEvent__Output>;
}

export interface UserEventsServiceHandlers extends grpc.UntypedServiceImplementation {
  FindExistingUsers: grpc.handleUnaryCall<
    _customers_v1_FindExistingUsersRequest__Output,
    _customers_v1_FindExistingUsersResponse
  >;

  Subscribe: grpc.handleServerStreamingCall<_customers_v1_SubscribeRequest__Output, _customers_v1_UserEvent>;
}

export interface UserEventsServiceDefinition extends grpc.ServiceDefinition {
  FindExistingUsers: MethodDefinition<
    _customers_v1_FindExistingUsersRequest,
    _customers_v1_FindExistingUsersResponse,
    _customers_v1_FindExistingUsersRequest__Output,
    _customers_v1_FindExistingUsersResponse__Output
  >;
  Subscribe: MethodDefinition<
    _customers_v1_SubscribeRequest,
    _customers_v1_UserEvent,
    _customers_v1_SubscribeRequest__Output,
    _customers_v1_UserEvent__Output
  >;
}
