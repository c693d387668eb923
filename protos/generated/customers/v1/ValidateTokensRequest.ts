// Original file: customers/v1/auth.proto

export interface ValidateTokensRequest {
  tokens?: string[];
}

export interface ValidateTokensRequest__Output {
  tokens: string[];
}
