import { and, eq, gt, isNull } from 'drizzle-orm';
import type { AppDatabase } from '@cartwright/platform/database';
import type { RefreshTokenRepository } from '../../ports.js';
import { refreshTokens, type CustomersSchema } from './schema.js';

export function createRefreshTokensRepository(db: AppDatabase<CustomersSchema>): RefreshTokenRepository {
  const revokeFamily = async (familyId: string, now: Date) => {
    await db
      .update(refreshTokens)
      .set({ revokedAt: now })
      .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
  };

  return {
    async create(token, now) {
      await db.insert(refreshTokens).values({ ...token, createdAt: now });
    },

    rotate: (tokenHash, next, now) =>
      db.transaction(async (tx) => {
        // Invariant: a refresh token is exchanged at most once. The conditional UPDATE takes the
        // row lock; a parallel rotation of the same token waits, re-checks `revoked_at is null`
        // after we commit, matches nothing and is reported as reuse.
        const [retired] = await tx
          .update(refreshTokens)
          .set({ revokedAt: now, replacedBy: next.id })
          .where(
            and(
              eq(refreshTokens.tokenHash, tokenHash),
              isNull(refreshTokens.revokedAt),
              gt(refreshTokens.expiresAt, now),
            ),
          )
          .returning({ userId: refreshTokens.userId, familyId: refreshTokens.familyId });
        if (retired) {
          await tx.insert(refreshTokens).values({ ...next, ...retired, createdAt: now });
          return { kind: 'rotated' as const, ...retired };
        }
        const [existing] = await tx
          .select({
            userId: refreshTokens.userId,
            familyId: refreshTokens.familyId,
            revokedAt: refreshTokens.revokedAt,
          })
          .from(refreshTokens)
          .where(eq(refreshTokens.tokenHash, tokenHash));
        if (!existing) return { kind: 'unknown' as const };
        if (existing.revokedAt) {
          return { kind: 'reused' as const, userId: existing.userId, familyId: existing.familyId };
        }
        return { kind: 'expired' as const };
      }),

    revokeFamily,

    async revokeSessionOf(tokenHash, userId, now) {
      const [owned] = await db
        .select({ familyId: refreshTokens.familyId })
        .from(refreshTokens)
        .where(and(eq(refreshTokens.tokenHash, tokenHash), eq(refreshTokens.userId, userId)));
      if (!owned) return false;
      await revokeFamily(owned.familyId, now);
      return true;
    },
  };
}
