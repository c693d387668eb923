// Original file: customers/v1/user_events.proto

import type {
  Timestamp as _google_protobuf_Timestamp,
  Timestamp__Output as _google_protobuf_Timestamp__Output,
} from '../../google/protobuf/Timestamp.js';

export interface UserEvent {
  id?: string;
  type?: string;
  user_id?: string;
  occurred_at?: _google_protobuf_Timestamp | null;
}

export interface UserEvent__Output {
  id: string;
  type: string;
  user_id: string;
  occurred_at: _google_protobuf_Timestamp__Output | null;
}
