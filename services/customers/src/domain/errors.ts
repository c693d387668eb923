/**
 * What can go wrong in the customers domain. No transport codes here: the HTTP error table
 * (adapters/http/error-table.ts) and the gRPC status table (adapters/grpc/status-table.ts) map
 * these to status codes, each in one place.
 */
export abstract class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class EmailTaken extends DomainError {
  constructor() {
    super('This email address is already registered.');
  }
}

export class WeakPassword extends DomainError {
  /** `input` names which password broke the policy, so an edge can point at the field. */
  constructor(
    reason: string,
    readonly input: 'password' | 'newPassword',
  ) {
    super(reason);
  }
}

/** Same error for an unknown email and a wrong password, so neither can be told apart. */
export class InvalidCredentials extends DomainError {
  constructor() {
    super('Email or password is incorrect.');
  }
}

/** An access token that fails any check; `reason` is short and safe to show the caller. */
export class InvalidToken extends DomainError {
  constructor(readonly reason: string) {
    super(`Invalid access token: ${reason}`);
  }
}

/** Unknown, expired, revoked or reused refresh token; reuse also revokes its family. */
export class InvalidRefreshToken extends DomainError {
  constructor(readonly reason: string) {
    super(`Invalid refresh token: ${reason}`);
  }
}

export class RefreshTokenNotFound extends DomainError {
  constructor() {
    super('No such refresh token among your sessions.');
  }
}

export class WrongPassword extends DomainError {
  constructor() {
    super('The current password is incorrect.');
  }
}

export class UserNotFound extends DomainError {
  constructor() {
    super('No such user.');
  }
}

/** An authenticated caller asked for something only an administrator may do. */
export class AdminOnly extends DomainError {
  constructor() {
    super('Only administrators may do this.');
  }
}

export class LastAdmin extends DomainError {
  constructor() {
    super('This would leave the store without any administrator.');
  }
}

/** Unknown, ended, or another user's session: all look the same, so no session id is confirmed. */
export class SessionNotFound extends DomainError {
  constructor() {
    super('No such session among the open ones.');
  }
}

/** A Subscribe cursor that is not an event id. */
export class InvalidEventCursor extends DomainError {
  constructor() {
    super('The cursor is not an event id.');
  }
}

/**
 * The events after this cursor may have been pruned (it is older than the retention), or it
 * names no event this store ever issued: replaying cannot be trusted, the consumer reconciles.
 */
export class EventCursorOutOfRange extends DomainError {
  constructor() {
    super(
      'The cursor is older than the retained events, or unknown: reconcile, then subscribe from the start.',
    );
  }
}
