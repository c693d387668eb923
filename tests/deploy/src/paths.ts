import { fileURLToPath } from 'node:url';

/** The repository root, whether this file runs from tests/deploy/src or a copy of it. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export const repoPath = (relative: string): string => `${repoRoot}${relative}`;

export const services = ['customers', 'cart'] as const;
export type ServiceName = (typeof services)[number];
