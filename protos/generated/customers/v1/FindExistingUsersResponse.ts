// Original file: customers/v1/user_events.proto

export interface FindExistingUsersResponse {
  user_ids?: string[];
}

export interface FindExistingUsersResponse__Output {
  user_ids: string[];
}
