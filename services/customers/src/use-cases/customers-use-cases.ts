import type {
  AccessTokens,
  Clock,
  PasswordHasher,
  RefreshTokenRepository,
  SessionRepository,
  TokenLifetimes,
  UserEventLog,
  UserRepository,
} from '../ports.js';
import { authenticate, authenticateMany, type Caller } from './authenticate.js';
import { changeOwnPassword } from './change-password.js';
import type { LoginClient } from '../domain/session.js';
import { deleteUser } from './delete-user.js';
import { endMySession, endUserSessions } from './end-sessions.js';
import { getUser } from './get-user.js';
import { listMySessions, listUserSessions } from './list-sessions.js';
import { listUsers } from './list-users.js';
import { logIn } from './log-in.js';
import { logOut } from './log-out.js';
import { pruneSessions } from './prune-sessions.js';
import { refreshSession } from './refresh-session.js';
import { registerUser, type RegisterUserInput } from './register-user.js';
import { resetPassword } from './reset-password.js';
import { updateOwnProfile, type ProfileChanges } from './update-profile.js';
import { updateUser, type AdminUserChanges } from './update-user.js';
import { findExistingUsers, pruneUserEvents, readUserEvents } from './user-events.js';

export interface CustomersPorts {
  users: UserRepository;
  refreshTokens: RefreshTokenRepository;
  sessions: SessionRepository;
  userEvents: UserEventLog;
  passwords: PasswordHasher;
  accessTokens: AccessTokens;
  clock: Clock;
  lifetimes: TokenLifetimes;
}

/**
 * Every use case with its ports already given: what the HTTP routes, the gRPC handler and the
 * CLI call. Built once in app.ts (or a CLI); tests build it with in-memory ports.
 */
export function bindUseCases(ports: CustomersPorts) {
  return {
    registerUser: (input: RegisterUserInput) => registerUser(ports, input),
    logIn: (input: { email: string; password: string; client?: LoginClient }) => logIn(ports, input),
    refreshSession: (refreshToken: string) => refreshSession(ports, refreshToken),
    authenticate: (token: string) => authenticate(ports, token),
    authenticateMany: (tokens: readonly string[]) => authenticateMany(ports, tokens),
    logOut: (caller: Caller, input: { refreshToken?: string; all?: boolean }) => logOut(ports, caller, input),
    updateOwnProfile: (caller: Caller, changes: ProfileChanges) => updateOwnProfile(ports, caller, changes),
    changeOwnPassword: (caller: Caller, input: { currentPassword: string; newPassword: string }) =>
      changeOwnPassword(ports, caller, input),
    listMySessions: (caller: Caller) => listMySessions(ports, caller),
    endMySession: (caller: Caller, sessionId: string) => endMySession(ports, caller, sessionId),
    listUserSessions: (caller: Caller, userId: string) => listUserSessions(ports, caller, userId),
    endUserSessions: (caller: Caller, userId: string) => endUserSessions(ports, caller, userId),
    pruneSessions: () => pruneSessions(ports),
    getUser: (caller: Caller, id: string) => getUser(ports, caller, id),
    listUsers: (caller: Caller, query: Parameters<typeof listUsers>[2]) => listUsers(ports, caller, query),
    updateUser: (caller: Caller, id: string, changes: AdminUserChanges) =>
      updateUser(ports, caller, id, changes),
    resetPassword: (caller: Caller, id: string, newPassword: string) =>
      resetPassword(ports, caller, id, newPassword),
    deleteUser: (caller: Caller, id: string) => deleteUser(ports, caller, id),
    readUserEvents: (cursor: string, limit: number) => readUserEvents(ports, cursor, limit),
    pruneUserEvents: (retentionSeconds: number) => pruneUserEvents(ports, retentionSeconds),
    findExistingUsers: (ids: readonly string[]) => findExistingUsers(ports, ids),
  };
}

export type CustomersUseCases = ReturnType<typeof bindUseCases>;
export type { Caller };
