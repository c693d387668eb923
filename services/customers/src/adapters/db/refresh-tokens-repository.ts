import { eq } from 'drizzle-orm';
import type { AppDatabase } from '@cartwright/platform/database';
import { judgeRefreshToken } from '../../domain/refresh-token.js';
import type { RefreshTokenRepository } from '../../ports.js';
import { refreshTokens, sessions, type CustomersSchema } from './schema.js';

export function createRefreshTokensRepository(db: AppDatabase<CustomersSchema>): RefreshTokenRepository {
  return {
    rotate: (tokenHash, next, now) =>
      db.transaction(async (tx) => {
        const [family] = await tx
          .select({ familyId: refreshTokens.familyId })
          .from(refreshTokens)
          .where(eq(refreshTokens.tokenHash, tokenHash));
        if (!family) return { kind: 'unknown' as const };
        // Invariants: a refresh token is exchanged at most once, and an ended session gets no
        // new token. The session row is locked first, as ending a session locks it first, so a
        // parallel rotation or ending waits until we commit. The token is read after the lock,
        // so it is seen as the last committed writer left it: retired means reuse.
        await tx
          .select({ id: sessions.id })
          .from(sessions)
          .where(eq(sessions.id, family.familyId))
          .for('update');
        const [token] = await tx
          .select({
            userId: refreshTokens.userId,
            familyId: refreshTokens.familyId,
            revokedAt: refreshTokens.revokedAt,
            expiresAt: refreshTokens.expiresAt,
          })
          .from(refreshTokens)
          .where(eq(refreshTokens.tokenHash, tokenHash))
          .for('update');
        // Pruned together with its session between the two reads.
        if (!token) return { kind: 'unknown' as const };
        const { userId, familyId } = token;
        const verdict = judgeRefreshToken(token, now);
        if (verdict === 'reused') return { kind: 'reused' as const, userId, familyId };
        if (verdict === 'expired') return { kind: 'expired' as const };
        await tx
          .update(refreshTokens)
          .set({ revokedAt: now, replacedBy: next.id })
          .where(eq(refreshTokens.tokenHash, tokenHash));
        await tx.insert(refreshTokens).values({ ...next, userId, familyId, createdAt: now });
        await tx.update(sessions).set({ expiresAt: next.expiresAt }).where(eq(sessions.id, familyId));
        return { kind: 'rotated' as const, userId, familyId };
      }),

    async findByHash(tokenHash) {
      const [token] = await db
        .select({ userId: refreshTokens.userId, familyId: refreshTokens.familyId })
        .from(refreshTokens)
        .where(eq(refreshTokens.tokenHash, tokenHash));
      return token;
    },
  };
}
