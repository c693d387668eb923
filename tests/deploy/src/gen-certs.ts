import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoPath } from './paths.js';

/** Runs scripts/gen-certs.sh into a new temporary folder and returns that folder. */
export function generateCertificates(args: string[] = []): string {
  const out = join(mkdtempSync(join(tmpdir(), 'cartwright-certs-')), 'certs');
  execFileSync('bash', [repoPath('scripts/gen-certs.sh'), '--out', out, ...args], {
    stdio: 'pipe',
    timeout: 15_000,
  });
  return out;
}
