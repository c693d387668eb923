import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const app = fileURLToPath(new URL('../../../apps/storefront', import.meta.url));

/**
 * Builds the storefront into a fresh folder with its own Vite, so the tests always drive the
 * sources as they are (a stale dist/ cannot pass for them). About a second.
 */
export async function buildStorefront(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'storefront-dist-'));
  const vite = join(app, 'node_modules', 'vite', 'bin', 'vite.js');
  const child = spawn(
    process.execPath,
    [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: app,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '' },
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`vite build failed (${code}):\n${output}`);
  return outDir;
}
