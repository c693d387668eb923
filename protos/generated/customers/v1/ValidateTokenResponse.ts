// Original file: customers/v1/auth.proto

import type {
  Timestamp as _google_protobuf_Timestamp,
  Timestamp__Output as _google_protobuf_Timestamp__Output,
} from '../../google/protobuf/Timestamp.js';

export interface ValidateTokenResponse {
  user_id?: string;
  email?: string;
  is_admin?: boolean;
  expires_at?: _google_protobuf_Timestamp | null;
}

export interface ValidateTokenResponse__Output {
  user_id: string;
  email: string;
  is_admin: boolean;
  expires_at: _google_protobuf_Timestamp__Output | null;
}
