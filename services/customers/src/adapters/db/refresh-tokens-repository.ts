import { and, eq, isNull } from 'drizzle-orm';
import type { AppDatabase } from '@cartwright/platform/database';
import { judgeRefreshToken } from '../../domain/refresh-token.js';
import type { RefreshTokenRepository } from '../../ports.js';
import { refreshTokens, type CustomersSchema } from './schema.js';

export function createRefreshTokensRepository(db: AppDatabase<CustomersSchema>): RefreshTokenRepository {
  return {
    async create(token, now) {
      await db.insert(refreshTokens).values({ ...token, createdAt: now });
    },

    rotate: (tokenHash, next, now) =>
      db.transaction(async (tx) => {
        // Invariant: a refresh token is exchanged at most once. The row lock makes a parallel
        // rotation of the same token wait until we commit; its FOR UPDATE then re-reads the
        // row, finds it revoked, and the domain judges that a reuse.
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
        return { kind: 'rotated' as const, userId, familyId };
      }),

    async findByHash(tokenHash) {
      const [token] = await db
        .select({ userId: refreshTokens.userId, familyId: refreshTokens.familyId })
        .from(refreshTokens)
        .where(eq(refreshTokens.tokenHash, tokenHash));
      return token;
    },

    async revokeFamily(familyId, now) {
      await db
        .update(refreshTokens)
        .set({ revokedAt: now })
        .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
    },
  };
}
