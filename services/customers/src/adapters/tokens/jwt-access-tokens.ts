import { randomUUID } from 'node:crypto';
import { isUuid } from '@cartwright/platform/uuid';
import { errors, jwtVerify, SignJWT, type JWTHeaderParameters } from 'jose';
import { InvalidToken } from '../../domain/errors.js';
import type { AccessTokens } from '../../ports.js';
import type { SigningKeys } from './signing-keys.js';

export interface AccessTokenSettings {
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

// Small skew between the machines that issue and check tokens must not reject fresh ones.
const clockToleranceSeconds = 5;

export function createJwtAccessTokens(keys: SigningKeys, settings: AccessTokenSettings): AccessTokens {
  const allowedAlgorithms = [...new Set([...keys.verification.values()].map((k) => k.alg))];

  return {
    async issue({ userId, tokenVersion, sessionId }, now) {
      const issuedAt = Math.floor(now.getTime() / 1000);
      const expiresAt = issuedAt + settings.ttlSeconds;
      const token = await new SignJWT({ ver: tokenVersion, sid: sessionId })
        .setProtectedHeader({ alg: keys.current.alg, kid: keys.current.kid, typ: 'JWT' })
        .setIssuer(settings.issuer)
        .setAudience(settings.audience)
        .setSubject(userId)
        .setIssuedAt(issuedAt)
        .setExpirationTime(expiresAt)
        .setJti(randomUUID())
        .sign(keys.current.privateKey);
      return { token, expiresAt: new Date(expiresAt * 1000) };
    },

    async verify(token, now) {
      let payload;
      try {
        ({ payload } = await jwtVerify(
          token,
          (header: JWTHeaderParameters) => {
            // The key is chosen by kid and must match the algorithm the token names: no key is
            // ever used with an algorithm it was not made for (alg confusion, `none`).
            const key = header.kid === undefined ? undefined : keys.verification.get(header.kid);
            if (!key) throw new InvalidToken('unknown signing key');
            if (header.alg !== key.alg) throw new InvalidToken('algorithm not allowed');
            return key.key;
          },
          {
            issuer: settings.issuer,
            audience: settings.audience,
            algorithms: allowedAlgorithms,
            currentDate: now,
            clockTolerance: clockToleranceSeconds,
            requiredClaims: ['sub', 'iat', 'exp', 'jti'],
          },
        ));
      } catch (error) {
        throw error instanceof InvalidToken ? error : new InvalidToken(reasonOf(error));
      }
      // jose checks exp and nbf against the clock but not iat: a token "issued" in the future
      // (only mintable with our key, e.g. from a host with a wrong clock) would outlive its TTL.
      if ((payload.iat as number) > Math.floor(now.getTime() / 1000) + clockToleranceSeconds) {
        throw new InvalidToken('issued in the future');
      }
      const { sub, ver, sid, exp } = payload as { sub?: unknown; ver?: unknown; sid?: unknown; exp: number };
      if (!isUuid(sub)) throw new InvalidToken('malformed subject');
      if (typeof ver !== 'number' || !Number.isSafeInteger(ver) || ver < 0) {
        throw new InvalidToken('missing token version');
      }
      // Every token names its session: one without could not be revoked by ending a session.
      if (!isUuid(sid)) throw new InvalidToken('missing session');
      return {
        userId: sub,
        tokenVersion: ver,
        sessionId: sid,
        expiresAt: new Date(exp * 1000),
      };
    },
  };
}

/** A short reason safe to show the caller: which check failed, never key material. */
function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'token expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return 'token not yet valid';
    if (error.claim === 'iss') return 'wrong issuer';
    if (error.claim === 'aud') return 'wrong audience';
    if (error.claim === 'iat') return 'issued in the future';
    return `invalid claim ${error.claim}`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad signature';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  if (error instanceof errors.JOSENotSupported) return 'algorithm not allowed';
  return 'malformed token';
}
