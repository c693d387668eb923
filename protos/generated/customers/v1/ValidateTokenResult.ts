// Original file: customers/v1/auth.proto

import type {
  ValidateTokenResponse as _customers_v1_ValidateTokenResponse,
  ValidateTokenResponse__Output as _customers_v1_ValidateTokenResponse__Output,
} from '../../customers/v1/ValidateTokenResponse.js';

export interface ValidateTokenResult {
  valid?: boolean;
  caller?: _customers_v1_ValidateTokenResponse | null;
}

export interface ValidateTokenResult__Output {
  valid: boolean;
  caller: _customers_v1_ValidateTokenResponse__Output | null;
}
