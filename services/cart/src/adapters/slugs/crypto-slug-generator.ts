import { randomBytes } from 'node:crypto';
import { SLUG_BYTES } from '../../domain/cart-share.js';
import type { SlugGenerator } from '../../ports.js';

/** Slugs from Node's CSPRNG: 16 bytes (128 bits) as 22 URL-safe base64url characters. */
export function createCryptoSlugGenerator(): SlugGenerator {
  return { next: () => randomBytes(SLUG_BYTES).toString('base64url') };
}
