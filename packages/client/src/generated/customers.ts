// Generated from openapi/customers.json by `pnpm openapi:export` (openapi-typescript). Do not edit.

export interface paths {
  '/healthz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness: the process is up */
    get: operations['getLiveness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/readyz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Readiness: required dependencies answer */
    get: operations['getReadiness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Prometheus metrics (text exposition format 0.0.4)
     * @description Request, gRPC, database, domain and process metrics; see docs/observability.md. Served here unless METRICS_PORT moves it to a port of its own, or METRICS_ENABLED=false turns it off.
     */
    get: operations['getMetrics'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List users (administrators)
     * @description Newest first, keyset-paginated: pass `next_cursor` back as `cursor` for the next page.
     */
    get: operations['listUsers'];
    put?: never;
    /**
     * Register a new account
     * @description Anyone may register. The email is stored trimmed and lower-cased; `is_admin` is not accepted. Rate-limited per client address and per email (429 with Retry-After); 503 `password_checks_busy` with Retry-After when too many password checks are waiting.
     */
    post: operations['registerUser'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read your own profile */
    get: operations['getMyProfile'];
    put?: never;
    post?: never;
    /**
     * Delete your account
     * @description Its tokens stop working at once. The last administrator cannot delete itself (409).
     */
    delete: operations['deleteMyAccount'];
    options?: never;
    head?: never;
    /** Change your name or email */
    patch: operations['updateMyProfile'];
    trace?: never;
  };
  '/api/v1/users/me/password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Change your password
     * @description Ends every session: all access and refresh tokens issued so far stop working. Rate-limited per client address and per account (429 with Retry-After); 503 `password_checks_busy` with Retry-After when too many password checks are waiting.
     */
    put: operations['changeMyPassword'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Log in with email and password
     * @description Returns a short-lived access token and a single-use refresh token. A wrong email and a wrong password give the same 401. Rate-limited per client address (every attempt) and per email (failed attempts; a successful login clears them): 429 with Retry-After, whatever the password. 503 `password_checks_busy` with Retry-After when too many password checks are waiting.
     */
    post: operations['logIn'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Exchange a refresh token for a new token pair (rotation)
     * @description Each refresh token works once. Presenting a used or revoked one answers 401 and ends the whole session it belongs to: every refresh and access token descended from the same login is refused from the next request on.
     */
    post: operations['refreshTokens'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * End the current session, a given one, or all of them
     * @description Without a body: ends the session of the access token used. `refresh_token`: ends that session (it must be yours). `all: true`: ends every session of the user. The refresh and access tokens of an ended session are refused from the next request on, by every service.
     */
    post: operations['logOut'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Read a user (administrators, or yourself)
     * @description A non-administrator gets 404 for any id but their own.
     */
    get: operations['getUser'];
    put?: never;
    post?: never;
    /**
     * Delete a user (administrators)
     * @description The last administrator cannot be deleted (409). Anyone may delete their own id.
     */
    delete: operations['deleteUser'];
    options?: never;
    head?: never;
    /**
     * Edit a user, including is_admin (administrators)
     * @description Demoting the last administrator is refused (409 last_admin). Non-administrators get 404 for other ids and 403 for their own (use PATCH /users/me).
     */
    patch: operations['updateUser'];
    trace?: never;
  };
  '/api/v1/users/{id}/password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Reset a user's password (administrators)
     * @description Every access and refresh token of that user stops working.
     */
    put: operations['resetUserPassword'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/me/sessions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List your open sessions
     * @description One session per login, newest first; `current` marks the session of the access token used. Ended and expired sessions are not listed.
     */
    get: operations['listMySessions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/me/sessions/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * End one of your sessions
     * @description Its refresh token and every access token issued in it are refused from the next request on, by every service. Ending the current session is logging out. An unknown id, a session that has already ended and another user’s session are all 404.
     */
    delete: operations['endMySession'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/{id}/sessions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List a user's open sessions (administrators)
     * @description Newest first. `current` is true only for the administrator’s own session.
     */
    get: operations['listUserSessions'];
    put?: never;
    post?: never;
    /**
     * End every session of a user (administrators)
     * @description Every refresh and access token of the user is refused from the next request on; the account stays and can log in again.
     */
    delete: operations['endUserSessions'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/.well-known/jwks.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Public keys that verify access tokens (JWKS, RFC 7517) */
    get: operations['getJwks'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/introspect': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Token introspection (RFC 7662), for services that cannot call gRPC ValidateToken
     * @description Client authentication: the INTROSPECTION_CLIENT_SECRET as HTTP Basic password (any user name) or as a Bearer token. Body: `token` as application/x-www-form-urlencoded or JSON. Answers `{"active": false}` for any invalid, expired or revoked token, or for a deleted user; otherwise the user as of now. Repeated failed client authentications from one address get 429. Not registered (404) when customers has no introspection secret configured.
     */
    post: operations['introspectToken'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /** @description RFC 9457 problem details */
    Problem: {
      /** @example urn:cartwright:problem:validation_failed */
      type: string;
      /** @example Request validation failed */
      title: string;
      /** @example 400 */
      status: number;
      detail?: string;
      instance?: string;
      /**
       * @description Stable machine-readable error code
       * @example validation_failed
       */
      code: string;
      request_id?: string;
      errors?: {
        in: string;
        field: string;
        message: string;
      }[];
    } & {
      [key: string]: unknown;
    };
    /** @description A required dependency does not answer */
    NotReadyProblem: components['schemas']['Problem'] & {
      /** @enum {string} */
      code: 'not_ready';
      /** @description Each check by name */
      checks: {
        [key: string]: 'up' | 'down';
      };
    };
    /**
     * @description A user account (never includes the password hash)
     * @example {
     *       "id": "7b0e3c1a-0003-4000-8000-000000000003",
     *       "email": "user1@example.com",
     *       "first_name": "Uma",
     *       "last_name": "User",
     *       "is_admin": false,
     *       "created_at": "2026-01-15T09:30:00.000Z",
     *       "updated_at": "2026-01-15T09:30:00.000Z"
     *     }
     */
    User: {
      /** Format: uuid */
      id: string;
      /** Format: email */
      email: string;
      first_name: string;
      last_name: string;
      is_admin: boolean;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
    };
    /**
     * @description One page of users, newest first
     * @example {
     *       "items": [
     *         {
     *           "id": "7b0e3c1a-0003-4000-8000-000000000003",
     *           "email": "user1@example.com",
     *           "first_name": "Uma",
     *           "last_name": "User",
     *           "is_admin": false,
     *           "created_at": "2026-01-15T09:30:00.000Z",
     *           "updated_at": "2026-01-15T09:30:00.000Z"
     *         }
     *       ],
     *       "next_cursor": "WyIyMDI2LTAxLTE1VDA5OjMwOjAwLjAwMFoiLCI3YjBlIl0"
     *     }
     */
    UserPage: {
      items: components['schemas']['User'][];
      /** @description Pass as ?cursor= for the next page; null on the last page */
      next_cursor: string | null;
    };
    /**
     * @description A new session: a short-lived access token and a single-use refresh token
     * @example {
     *       "access_token": "eyJhbGciOiJFZERTQSIsImtpZCI6Ii4uLiIsInR5cCI6IkpXVCJ9.eyJ...In0.sig",
     *       "token_type": "Bearer",
     *       "expires_in": 900,
     *       "refresh_token": "q3Jm8Y3kq0s1W6qk2m1H0bJq2rTtV8sX9zYw4uA5bC0",
     *       "user": {
     *         "id": "7b0e3c1a-0003-4000-8000-000000000003",
     *         "email": "user1@example.com",
     *         "first_name": "Uma",
     *         "last_name": "User",
     *         "is_admin": false,
     *         "created_at": "2026-01-15T09:30:00.000Z",
     *         "updated_at": "2026-01-15T09:30:00.000Z"
     *       }
     *     }
     */
    TokenPair: {
      access_token: string;
      /** @enum {string} */
      token_type: 'Bearer';
      /** @description Seconds until the access token expires */
      expires_in: number;
      /** @description Opaque; single use: each refresh returns a new one */
      refresh_token: string;
      user: components['schemas']['User'];
    };
    /**
     * @description One login, alive until it is ended or its refresh token expires (never includes a token)
     * @example {
     *       "id": "0f1e2d3c-4b5a-4698-8776-655443322110",
     *       "created_at": "2026-01-15T09:30:00.000Z",
     *       "last_used_at": "2026-01-15T10:02:00.000Z",
     *       "user_agent": "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0",
     *       "client_address": "203.0.113.7",
     *       "current": true
     *     }
     */
    Session: {
      /** Format: uuid */
      id: string;
      /**
       * Format: date-time
       * @description When the login happened
       */
      created_at: string;
      /**
       * Format: date-time
       * @description Last request with one of its tokens, to the minute (written at most once a minute)
       */
      last_used_at: string;
      /** @description The User-Agent of the login (empty if none was sent) */
      user_agent: string;
      /** @description The client address the login came from */
      client_address: string;
      /** @description True for the session of the access token used for this request */
      current: boolean;
    };
    /**
     * @description Open sessions, newest first (at most the 100 newest)
     * @example {
     *       "items": [
     *         {
     *           "id": "0f1e2d3c-4b5a-4698-8776-655443322110",
     *           "created_at": "2026-01-15T09:30:00.000Z",
     *           "last_used_at": "2026-01-15T10:02:00.000Z",
     *           "user_agent": "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0",
     *           "client_address": "203.0.113.7",
     *           "current": true
     *         }
     *       ]
     *     }
     */
    SessionList: {
      items: components['schemas']['Session'][];
    };
    /**
     * @description A JSON Web Key Set (RFC 7517)
     * @example {
     *       "keys": [
     *         {
     *           "kty": "OKP",
     *           "crv": "Ed25519",
     *           "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
     *           "kid": "Vx3…",
     *           "alg": "EdDSA",
     *           "use": "sig"
     *         }
     *       ]
     *     }
     */
    Jwks: {
      keys: ({
        kty: string;
        kid: string;
        alg: string;
      } & {
        [key: string]: unknown;
      })[];
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: {
    /** @description The request id (a sane incoming X-Request-Id is kept, else a UUID); the `request_id` of problem bodies */
    'X-Request-Id': string;
  };
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getLiveness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Alive */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {string} */
            status: 'ok';
          };
        };
      };
    };
  };
  getReadiness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every required check passes */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {string} */
            status: 'ready';
            /**
             * @description Each check by name
             * @example {
             *       "database": "up"
             *     }
             */
            checks: {
              [key: string]: 'up' | 'down';
            };
          };
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['NotReadyProblem'];
        };
      };
    };
  };
  getMetrics: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Prometheus text */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'text/plain': string;
        };
      };
    };
  };
  listUsers: {
    parameters: {
      query?: {
        /** @description Case-insensitive substring of email or name; % and _ are literal */
        search?: string;
        limit?: number;
        /** @description next_cursor of the previous page */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of users, newest first */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserPage'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'validation_failed' | 'invalid_cursor';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'authentication_required' | 'invalid_token';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'forbidden';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  registerUser: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "email": "new.user@example.com",
         *       "password": "correct horse battery",
         *       "first_name": "Nia",
         *       "last_name": "New"
         *     }
         */
        'application/json': {
          /**
           * Format: email
           * @example user1@example.com
           */
          email: string;
          /** @example testPass123 */
          password: string;
          first_name?: string;
          last_name?: string;
        };
      };
    };
    responses: {
      /** @description A user account (never includes the password hash) */
      201: {
        headers: {
          /** @description The new account (GET it with its own access token) */
          Location: string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['User'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'validation_failed' | 'malformed_json' | 'invalid_value' | 'weak_password';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Conflict */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'email_taken';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Request body too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'payload_too_large';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Unsupported media type */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'unsupported_media_type';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'rate_limited';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'database_unavailable' | 'password_checks_busy';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  getMyProfile: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A user account (never includes the password hash) */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['User'];
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'authentication_required' | 'invalid_token';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  deleteMyAccount: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'authentication_required' | 'invalid_token';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Conflict */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'last_admin';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  updateMyProfile: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "first_name": "Uma",
         *       "last_name": "Userson"
         *     }
         */
        'application/json': {
          /**
           * Format: email
           * @example user1@example.com
           */
          email?: string;
          first_name?: string;
          last_name?: string;
        };
      };
    };
    responses: {
      /** @description A user account (never includes the password hash) */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['User'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'validation_failed' | 'malformed_json' | 'invalid_value';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'authentication_required' | 'invalid_token';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Conflict */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'email_taken';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Request body too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'payload_too_large';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Unsupported media type */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'unsupported_media_type';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  changeMyPassword: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "current_password": "testPass123",
         *       "new_password": "a much longer passphrase"
         *     }
         */
        'application/json': {
          /** @example testPass123 */
          current_password: string;
          /** @example testPass123 */
          new_password: string;
        };
      };
    };
    responses: {
      /** @description Password changed */
      204: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bad request */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'validation_failed' | 'malformed_json' | 'invalid_value' | 'weak_password';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'authentication_required' | 'invalid_token';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'wrong_password';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Request body too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'payload_too_large';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Unsupported media type */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'unsupported_media_type';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'rate_limited';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'database_unavailable' | 'password_checks_busy';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  logIn: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "email": "user1@example.com",
         *       "password": "testPass123"
         *     }
         */
        'application/json': {
          /**
           * Format: email
           * @example user1@example.com
           */
          email: string;
          /** @example testPass123 */
          password: string;
        };
      };
    };
    responses: {
      /** @description A new session: a short-lived access token and a single-use refresh token */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TokenPair'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'validation_failed' | 'malformed_json' | 'invalid_value';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'invalid_credentials';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Request body too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'payload_too_large';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Unsupported media type */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'unsupported_media_type';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'rate_limited';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'database_unavailable' | 'password_checks_busy';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  refreshTokens: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @example q3Jm8Y3kq0s1W6qk2m1H0bJq2rTtV8sX9zYw4uA5bC0 */
          refresh_token: string;
        };
      };
    };
    responses: {
      /** @description A new session: a short-lived access token and a single-use refresh token */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TokenPair'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'validation_failed' | 'malformed_json' | 'invalid_value';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'invalid_refresh_token';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Request body too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'payload_too_large';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Unsupported media type */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'unsupported_media_type';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  logOut: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          /** @example q3Jm8Y3kq0s1W6qk2m1H0bJq2rTtV8sX9zYw4uA5bC0 */
          refresh_token?: string;
          /** @description End every session of the user, access tokens included */
          all?: boolean;
        };
      };
    };
    responses: {
      /** @description Logged out */
      204: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bad request */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'validation_failed' | 'malformed_json' | 'invalid_value';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'authentication_required' | 'invalid_token';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'refresh_token_not_found';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Request body too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'payload_too_large';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Unsupported media type */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'unsupported_media_type';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  getUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @example 7b0e3c1a-0003-4000-8000-000000000003 */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A user account (never includes the password hash) */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['User'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'validation_failed' | 'invalid_value';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'authentication_required' | 'invalid_token';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'user_not_found';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  deleteUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @example 7b0e3c1a-0003-4000-8000-000000000003 */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bad request */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'validation_failed' | 'invalid_value';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'authentication_required' | 'invalid_token';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'user_not_found';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Conflict */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'last_admin';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  updateUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @example 7b0e3c1a-0003-4000-8000-000000000003 */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "is_admin": true
         *     }
         */
        'application/json': {
          /**
           * Format: email
           * @example user1@example.com
           */
          email?: string;
          first_name?: string;
          last_name?: string;
          is_admin?: boolean;
        };
      };
    };
    responses: {
      /** @description A user account (never includes the password hash) */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['User'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'validation_failed' | 'malformed_json' | 'invalid_value';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'authentication_required' | 'invalid_token';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'forbidden';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'user_not_found';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Conflict */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'last_admin' | 'email_taken';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Request body too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'payload_too_large';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Unsupported media type */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'unsupported_media_type';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  resetUserPassword: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @example 7b0e3c1a-0003-4000-8000-000000000003 */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "new_password": "a fresh temporary passphrase"
         *     }
         */
        'application/json': {
          /** @example testPass123 */
          new_password: string;
        };
      };
    };
    responses: {
      /** @description Password reset */
      204: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bad request */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'validation_failed' | 'malformed_json' | 'invalid_value' | 'weak_password';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'authentication_required' | 'invalid_token';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'forbidden';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'user_not_found';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Request body too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'payload_too_large';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Unsupported media type */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'unsupported_media_type';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'database_unavailable' | 'password_checks_busy';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  listMySessions: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Open sessions, newest first (at most the 100 newest) */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SessionList'];
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'authentication_required' | 'invalid_token';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  endMySession: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @example 0f1e2d3c-4b5a-4698-8776-655443322110 */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Session ended */
      204: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bad request */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'validation_failed' | 'invalid_value';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'authentication_required' | 'invalid_token';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'session_not_found';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  listUserSessions: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @example 7b0e3c1a-0003-4000-8000-000000000003 */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Open sessions, newest first (at most the 100 newest) */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SessionList'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'validation_failed' | 'invalid_value';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'authentication_required' | 'invalid_token';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'forbidden';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'user_not_found';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  endUserSessions: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @example 7b0e3c1a-0003-4000-8000-000000000003 */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Sessions ended */
      204: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bad request */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'validation_failed' | 'invalid_value';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'authentication_required' | 'invalid_token';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'forbidden';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'user_not_found';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  getJwks: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A JSON Web Key Set (RFC 7517) */
      200: {
        headers: {
          'Cache-Control': 'public, max-age=300';
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Jwks'];
        };
      };
    };
  };
  introspectToken: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/x-www-form-urlencoded': {
          /** @description The access token to check */
          token: string;
        } & {
          [key: string]: unknown;
        };
        'application/json': {
          /** @description The access token to check */
          token: string;
        } & {
          [key: string]: unknown;
        };
      };
    };
    responses: {
      /** @description Default Response */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @description False for any invalid, expired or revoked token (nothing else then) */
            active: boolean;
            /**
             * Format: uuid
             * @description The user id
             */
            sub?: string;
            email?: string;
            /** @description Read from the user row now, not from the token: a demotion counts at once */
            is_admin?: boolean;
            /** @description Expiry of the access token, seconds since the epoch */
            exp?: number;
            /** @enum {string} */
            token_type?: 'access_token';
          };
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'validation_failed' | 'malformed_json' | 'invalid_value';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'invalid_client';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Request body too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'payload_too_large';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Unsupported media type */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'unsupported_media_type';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'rate_limited';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
}
type WithRequired<T, K extends keyof T> = T & {
  [P in K]-?: T[P];
};
