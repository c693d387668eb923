import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type {
  AuthServiceClient as _customers_v1_AuthServiceClient,
  AuthServiceDefinition as _customers_v1_AuthServiceDefinition,
} from './customers/v1/AuthService.js';
import type {
  ValidateTokenRequest as _customers_v1_ValidateTokenRequest,
  ValidateTokenRequest__Output as _customers_v1_ValidateTokenRequest__Output,
} from './customers/v1/ValidateTokenRequest.js';
import type {
  ValidateTokenResponse as _customers_v1_ValidateTokenResponse,
  ValidateTokenResponse__Output as _customers_v1_ValidateTokenResponse__Output,
} from './customers/v1/ValidateTokenResponse.js';
import type {
  ValidateTokenResult as _customers_v1_ValidateTokenResult,
  ValidateTokenResult__Output as _customers_v1_ValidateTokenResult__Output,
} from './customers/v1/ValidateTokenResult.js';
import type {
  ValidateTokensRequest as _customers_v1_ValidateTokensRequest,
  ValidateTokensRequest__Output as _customers_v1_ValidateTokensRequest__Output,
} from './customers/v1/ValidateTokensRequest.js';
import type {
  ValidateTokensResponse as _customers_v1_ValidateTokensResponse,
  ValidateTokensResponse__Output as _customers_v1_ValidateTokensResponse__Output,
} from './customers/v1/ValidateTokensResponse.js';
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
      AuthService: SubtypeConstructor<typeof grpc.Client, _customers_v1_AuthServiceClient> & {
        service: _customers_v1_AuthServiceDefinition;
      };
      ValidateTokenRequest: MessageTypeDefinition<
        _customers_v1_ValidateTokenRequest,
        _customers_v1_ValidateTokenRequest__Output
      >;
      ValidateTokenResponse: MessageTypeDefinition<
        _customers_v1_ValidateTokenResponse,
        _customers_v1_ValidateTokenResponse__Output
      >;
      ValidateTokenResult: MessageTypeDefinition<
        _customers_v1_ValidateTokenResult,
        _customers_v1_ValidateTokenResult__Output
      >;
      ValidateTokensRequest: MessageTypeDefinition<
        _customers_v1_ValidateTokensRequest,
        _customers_v1_ValidateTokensRequest__Output
      >;
      ValidateTokensResponse: MessageTypeDefinition<
        _customers_v1_ValidateTokensResponse,
        _customers_v1_ValidateTokensResponse__Output
      >;
    };
  };
  google: {
    protobuf: {
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>;
    };
  };
}
