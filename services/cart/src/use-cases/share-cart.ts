import { isWellFormedSlug, MAX_SLUG_ATTEMPTS, shareUrl, type CartShare } from '../domain/cart-share.js';
import type { ShareRepository, SlugGenerator } from '../ports.js';

export interface ShareDeps {
  shares: ShareRepository;
  slugs: SlugGenerator;
  /** The shop's public URL, the base of every share link. */
  publicBaseUrl: string;
}

/**
 * The caller's share link: a new one (`created: true`), or the one their cart already has.
 * Uniqueness of slugs is the database's job; on a collision we draw again (bounded), never
 * surface it.
 */
export async function shareCart(
  { shares, slugs, publicBaseUrl }: ShareDeps,
  userId: string,
): Promise<CartShare & { url: string; created: boolean }> {
  for (let attempt = 1; attempt <= MAX_SLUG_ATTEMPTS; attempt++) {
    const slug = slugs.next();
    // A generator bug must not store links that the public route would then refuse.
    if (!isWellFormedSlug(slug)) throw new Error('the slug generator produced a malformed slug');
    const outcome = await shares.share(userId, slug);
    if (outcome.kind === 'slug_taken') continue;
    return {
      ...outcome.share,
      url: shareUrl(publicBaseUrl, outcome.share.slug),
      created: outcome.kind === 'created',
    };
  }
  // With 128 random bits, five collisions in a row mean a broken generator, not bad luck.
  throw new Error(`no free share slug after ${MAX_SLUG_ATTEMPTS} attempts`);
}
