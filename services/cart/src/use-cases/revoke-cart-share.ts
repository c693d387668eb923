import type { ShareRepository } from '../ports.js';

/**
 * Revokes the caller's share link; the old slug is unknown from then on. Idempotent: revoking
 * when there is no share is the same success (the caller's goal, "no live link", holds).
 */
export async function revokeCartShare(
  { shares }: { shares: ShareRepository },
  userId: string,
): Promise<void> {
  await shares.revoke(userId);
}
