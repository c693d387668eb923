// Fails when protos/generated is not what `pnpm proto:gen` makes from the .proto files,
// so a contract change cannot land without its TypeScript types.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const protos = fileURLToPath(new URL('../protos', import.meta.url));
const generated = join(protos, 'generated');
const saved = mkdtempSync(join(tmpdir(), 'protos-'));
cpSync(generated, saved, { recursive: true });

const list = (dir) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();

try {
  execFileSync('pnpm', ['run', '--silent', 'gen'], { cwd: protos, stdio: 'inherit' });
  const before = list(saved);
  const after = list(generated);
  const changed = [...new Set([...before, ...after])].filter(
    (f) =>
      !before.includes(f) ||
      !after.includes(f) ||
      readFileSync(join(saved, f), 'utf8') !== readFileSync(join(generated, f), 'utf8'),
  );
  if (changed.length > 0) {
    console.error(`protos/generated is out of date (${changed.join(', ')}): run pnpm proto:gen and commit.`);
    rmSync(generated, { recursive: true, force: true });
    cpSync(saved, generated, { recursive: true });
    process.exit(1);
  }
  console.log(
    `protos/generated is up to date (${after.length} files, ${relative(process.cwd(), generated)})`,
  );
} finally {
  rmSync(saved, { recursive: true, force: true });
}
