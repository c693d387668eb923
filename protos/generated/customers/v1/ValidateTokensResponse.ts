// Original file: customers/v1/auth.proto

import type {
  ValidateTokenResult as _customers_v1_ValidateTokenResult,
  ValidateTokenResult__Output as _customers_v1_ValidateTokenResult__Output,
} from '../../customers/v1/ValidateTokenResult.js';

export interface ValidateTokensResponse {
  results?: _customers_v1_ValidateTokenResult[];
}

export interface ValidateTokensResponse__Output {
  results: _customers_v1_ValidateTokenResult__Output[];
}
