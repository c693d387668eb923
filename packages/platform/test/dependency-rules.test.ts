import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..');

function cruise(target: string) {
  const result = spawnSync(
    join(root, 'node_modules', '.bin', 'depcruise'),
    ['--config', join(root, '.dependency-cruiser.cjs'), '--output-type', 'err', target],
    { cwd: root, encoding: 'utf8' },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('dependency rule (pnpm lint)', () => {
  it('when a use case imports an adapter or drizzle, then dependency-cruiser fails naming both rules', () => {
    const { status, output } = cruise('packages/platform/test/fixtures/layering/src');
    expect(status).not.toBe(0);
    expect(output).toMatch(
      /use-cases-not-to-adapters: .*use-cases\/place-order\.ts → .*adapters\/db\/orders-repository\.ts/,
    );
    expect(output).toMatch(/inner-layers-not-to-frameworks: .*use-cases\/list-orders\.ts → .*drizzle-orm/);
  });

  it('when the layers are respected, then dependency-cruiser passes', () => {
    expect(cruise('packages/platform/test/fixtures/layering/src/domain').status).toBe(0);
  });
});
