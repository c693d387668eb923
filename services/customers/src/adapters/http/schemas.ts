import { bearerProblems, databaseProblems, ref, type ProblemList } from '@cartwright/platform/http';
import { Type, type Static } from 'typebox';
import type { User } from '../../domain/user.js';
import type { SessionView } from '../../use-cases/list-sessions.js';
import type { SessionTokens } from '../../use-cases/session-tokens.js';

// Wire format: snake_case JSON. Bodies reject unknown fields (additionalProperties: false), so
// `is_admin` on registration or on PATCH /users/me is a 400, not silently dropped.

const exampleUser = {
  id: '7b0e3c1a-0003-4000-8000-000000000003',
  email: 'user1@example.com',
  first_name: 'Uma',
  last_name: 'User',
  is_admin: false,
  created_at: '2026-01-15T09:30:00.000Z',
  updated_at: '2026-01-15T09:30:00.000Z',
};

export const UserSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    email: Type.String({ format: 'email' }),
    first_name: Type.String(),
    last_name: Type.String(),
    is_admin: Type.Boolean(),
    created_at: Type.String({ format: 'date-time' }),
    updated_at: Type.String({ format: 'date-time' }),
  },
  { $id: 'User', description: 'A user account (never includes the password hash)', examples: [exampleUser] },
);
export type UserJson = Static<typeof UserSchema>;

/** Copies the public fields only: the response serializer would drop others anyway. */
export function userJson(user: User): UserJson {
  return {
    id: user.id,
    email: user.email,
    first_name: user.firstName,
    last_name: user.lastName,
    is_admin: user.isAdmin,
    created_at: user.createdAt.toISOString(),
    updated_at: user.updatedAt.toISOString(),
  };
}

const Email = Type.String({ format: 'email', maxLength: 254, examples: ['user1@example.com'] });
// Length rules live in the domain (8..128 code points, 400 weak_password); this cap only bounds
// the work an oversized value could cause before that check.
const Password = Type.String({ maxLength: 1024, examples: ['testPass123'] });
const Name = Type.String({ maxLength: 100 });

export const RegisterBody = Type.Object(
  {
    email: Email,
    password: Password,
    first_name: Type.Optional(Name),
    last_name: Type.Optional(Name),
  },
  {
    additionalProperties: false,
    examples: [
      {
        email: 'new.user@example.com',
        password: 'correct horse battery',
        first_name: 'Nia',
        last_name: 'New',
      },
    ],
  },
);

export const LoginBody = Type.Object(
  { email: Email, password: Password },
  { additionalProperties: false, examples: [{ email: 'user1@example.com', password: 'testPass123' }] },
);

const RefreshToken = Type.String({
  minLength: 1,
  maxLength: 200,
  examples: ['q3Jm8Y3kq0s1W6qk2m1H0bJq2rTtV8sX9zYw4uA5bC0'],
});

export const RefreshBody = Type.Object({ refresh_token: RefreshToken }, { additionalProperties: false });

export const LogoutBody = Type.Object(
  {
    refresh_token: Type.Optional(RefreshToken),
    all: Type.Optional(
      Type.Boolean({ description: 'End every session of the user, access tokens included' }),
    ),
  },
  {
    additionalProperties: false,
    examples: [{ refresh_token: 'q3Jm8Y3kq0s1W6qk2m1H0bJq2rTtV8sX9zYw4uA5bC0' }, { all: true }],
  },
);

export const TokenPairSchema = Type.Object(
  {
    access_token: Type.String(),
    token_type: Type.Literal('Bearer'),
    expires_in: Type.Integer({ description: 'Seconds until the access token expires' }),
    refresh_token: Type.String({ description: 'Opaque; single use: each refresh returns a new one' }),
    user: ref(UserSchema),
  },
  {
    $id: 'TokenPair',
    description: 'A new session: a short-lived access token and a single-use refresh token',
    examples: [
      {
        access_token: 'eyJhbGciOiJFZERTQSIsImtpZCI6Ii4uLiIsInR5cCI6IkpXVCJ9.eyJ...In0.sig',
        token_type: 'Bearer',
        expires_in: 900,
        refresh_token: 'q3Jm8Y3kq0s1W6qk2m1H0bJq2rTtV8sX9zYw4uA5bC0',
        user: exampleUser,
      },
    ],
  },
);

export function sessionJson(session: SessionTokens): Static<typeof TokenPairSchema> {
  return {
    access_token: session.accessToken,
    token_type: 'Bearer',
    expires_in: session.expiresIn,
    refresh_token: session.refreshToken,
    user: userJson(session.user),
  };
}

export const ProfileChangesBody = Type.Object(
  { email: Type.Optional(Email), first_name: Type.Optional(Name), last_name: Type.Optional(Name) },
  { additionalProperties: false, minProperties: 1, examples: [{ first_name: 'Uma', last_name: 'Userson' }] },
);

export const AdminUserChangesBody = Type.Object(
  {
    email: Type.Optional(Email),
    first_name: Type.Optional(Name),
    last_name: Type.Optional(Name),
    is_admin: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ is_admin: true }] },
);

export const ChangePasswordBody = Type.Object(
  { current_password: Password, new_password: Password },
  {
    additionalProperties: false,
    examples: [{ current_password: 'testPass123', new_password: 'a much longer passphrase' }],
  },
);

export const ResetPasswordBody = Type.Object(
  { new_password: Password },
  { additionalProperties: false, examples: [{ new_password: 'a fresh temporary passphrase' }] },
);

export const UserIdParams = Type.Object({
  id: Type.String({ format: 'uuid', examples: ['7b0e3c1a-0003-4000-8000-000000000003'] }),
});

export const ListUsersQuery = Type.Object(
  {
    search: Type.Optional(
      Type.String({
        maxLength: 200,
        description: 'Case-insensitive substring of email or name; % and _ are literal',
      }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'next_cursor of the previous page' })),
  },
  { additionalProperties: false },
);

export const UserPageSchema = Type.Object(
  {
    items: Type.Array(ref(UserSchema)),
    next_cursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as ?cursor= for the next page; null on the last page',
    }),
  },
  {
    $id: 'UserPage',
    description: 'One page of users, newest first',
    examples: [{ items: [exampleUser], next_cursor: 'WyIyMDI2LTAxLTE1VDA5OjMwOjAwLjAwMFoiLCI3YjBlIl0' }],
  },
);

const exampleSession = {
  id: '0f1e2d3c-4b5a-4698-8776-655443322110',
  created_at: '2026-01-15T09:30:00.000Z',
  last_used_at: '2026-01-15T10:02:00.000Z',
  user_agent: 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0',
  client_address: '203.0.113.7',
  current: true,
};

export const SessionSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    created_at: Type.String({ format: 'date-time', description: 'When the login happened' }),
    last_used_at: Type.String({
      format: 'date-time',
      description: 'Last request with one of its tokens, to the minute (written at most once a minute)',
    }),
    user_agent: Type.String({ description: 'The User-Agent of the login (empty if none was sent)' }),
    client_address: Type.String({ description: 'The client address the login came from' }),
    current: Type.Boolean({ description: 'True for the session of the access token used for this request' }),
  },
  {
    $id: 'Session',
    description: 'One login, alive until it is ended or its refresh token expires (never includes a token)',
    examples: [exampleSession],
  },
);

export function sessionViewJson(session: SessionView): Static<typeof SessionSchema> {
  return {
    id: session.id,
    created_at: session.createdAt.toISOString(),
    last_used_at: session.lastUsedAt.toISOString(),
    user_agent: session.userAgent,
    client_address: session.clientAddress,
    current: session.current,
  };
}

export const SessionListSchema = Type.Object(
  { items: Type.Array(ref(SessionSchema)) },
  {
    $id: 'SessionList',
    description: 'Open sessions, newest first (at most the 100 newest)',
    examples: [{ items: [exampleSession] }],
  },
);

export const SessionIdParams = Type.Object({
  id: Type.String({ format: 'uuid', examples: ['0f1e2d3c-4b5a-4698-8776-655443322110'] }),
});

export const JwksSchema = Type.Object(
  {
    keys: Type.Array(
      Type.Object(
        { kty: Type.String(), kid: Type.String(), alg: Type.String() },
        { additionalProperties: true },
      ),
    ),
  },
  {
    $id: 'Jwks',
    description: 'A JSON Web Key Set (RFC 7517)',
    examples: [
      {
        keys: [
          {
            kty: 'OKP',
            crv: 'Ed25519',
            x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
            kid: 'Vx3…',
            alg: 'EdDSA',
            use: 'sig',
          },
        ],
      },
    ],
  },
);

/** Operations behind the bearer guard (which reads the caller's user row on every request). */
export const signedInProblems = [bearerProblems, databaseProblems] satisfies ProblemList[];

/** Operations that hash or verify a password: the bounded argon2 queue may refuse them. */
export const passwordProblems = { 503: ['password_checks_busy'] } satisfies ProblemList;

/** The named schemas of the customers document (`components.schemas`), registered before the routes. */
export const customersComponents = [
  UserSchema,
  UserPageSchema,
  TokenPairSchema,
  SessionSchema,
  SessionListSchema,
  JwksSchema,
];
