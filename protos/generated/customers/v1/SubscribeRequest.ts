// Original file: customers/v1/user_events.proto

export interface SubscribeRequest {
  after?: string;
  heartbeat_seconds?: number;
}

export interface SubscribeRequest__Output {
  after: string;
  heartbeat_seconds: number;
}
