import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type {
  FindExistingUsersRequest as _customers_v1_FindExistingUsersRequest,
  FindExistingUsersRequest__Output as _customers_v1_FindExistingUsersRequest__Output,
} from './customers/v1/FindExistingUsersRequest.js';
import type {
  FindExistingUsersResponse as _customers_v1_FindExistingUsersResponse,
  FindExistingUsersResponse__Output as _customers_v1_FindExistingUsersResponse__Output,
} from './customers/v1/FindExistingUsersResponse.js';
import type {
  SubscribeRequest as _customers_v1_SubscribeRequest,
  SubscribeRequest__Output as _customers_v1_SubscribeRequest__Output,
} from './customers/v1/SubscribeRequest.js';
import type {
  UserEvent as _customers_v1_UserEvent,
  UserEvent__Output as _customers_v1_UserEvent__Output,
} from './customers/v1/UserEvent.js';
import type {
  UserEventsServiceClient as _customers_v1_UserEventsServiceClient,
  UserEventsServiceDefinition as _customers_v1_UserEventsServiceDefinition,
} from './customers/v1/UserEventsService.js';
import type {
  Timestamp as _google_protobuf_Timestamp,
  Timestamp__Output as _google_protobuf_Timestamp__Output,
} from './google/protobuf/Timestamp.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new (...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  customers: {
    v1: {
      FindExistingUsersRequest: MessageTypeDefinition<
        _customers_v1_FindExistingUsersRequest,
        _customers_v1_FindExistingUsersRequest__Output
      >;
      FindExistingUsersResponse: MessageTypeDefinition<
        _customers_v1_FindExistingUsersResponse,
        _customers_v1_FindExistingUsersResponse__Output
      >;
      SubscribeRequest: MessageTypeDefinition<
        _customers_v1_SubscribeRequest,
        _customers_v1_SubscribeRequest__Output
      >;
      UserEvent: MessageTypeDefinition<_customers_v1_UserEvent, _customers_v1_UserEvent__Output>;
      UserEventsService: SubtypeConstructor<typeof grpc.Client, _customers_v1_UserEventsServiceClient> & {
        service: _customers_v1_UserEventsServiceDefinition;
      };
    };
  };
  google: {
    protobuf: {
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>;
    };
  };
}
