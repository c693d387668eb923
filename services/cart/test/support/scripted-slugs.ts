import type { SlugGenerator } from '../../src/ports.js';

/** Answers the given slugs in order, then fails: tests force collisions through it. */
export function scriptedSlugs(...slugs: string[]): SlugGenerator & { drawn: number } {
  const queue = [...slugs];
  const generator = {
    drawn: 0,
    next() {
      const slug = queue.shift();
      if (slug === undefined) throw new Error('scripted slug generator ran out of slugs');
      generator.drawn++;
      return slug;
    },
  };
  return generator;
}
