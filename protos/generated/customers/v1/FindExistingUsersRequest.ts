// Original file: customers/v1/user_events.proto

export interface FindExistingUsersRequest {
  user_ids?: string[];
}

export interface FindExistingUsersRequest__Output {
  user_ids: string[];
}
