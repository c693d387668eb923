import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { renderKustomization, schemaProblems } from '../src/k8s.js';
import { repoPath, services } from '../src/paths.js';

const scripts = ['gen-certs.sh', 'build-images.sh', 'stack.sh', 'image-dry-run.sh'];

describe('scripts/', () => {
  test.each(scripts)('when %s is parsed by bash, then it is valid and strict', (script) => {
    const path = repoPath(`scripts/${script}`);
    execFileSync('bash', ['-n', path]);
    expect(readFileSync(path, 'utf8')).toContain('set -euo pipefail');
  });

  test('when stack.sh is asked for help, then it names the everyday tasks', () => {
    const help = execFileSync('bash', [repoPath('scripts/stack.sh'), '--help'], { encoding: 'utf8' });
    for (const command of ['up', 'down', 'logs', 'migrate', 'seed', 'test', 'k8s-secrets']) {
      expect(help).toMatch(new RegExp(`scripts/stack\\.sh ${command}\\b`));
    }
  });

  test('when stack.sh runs node inside a service container, then the compiled file has a source', () => {
    const stack = readFileSync(repoPath('scripts/stack.sh'), 'utf8');
    const files = [...stack.matchAll(/node (dist\/[\w/-]+\.js)/g)].map((match) => match[1] as string);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      // Run in each service (migrate) or in customers only (create-admin): it must exist there.
      const owners = services.filter((service) =>
        existsSync(repoPath(`services/${service}/${file.replace(/^dist\/(.+)\.js$/, 'src/$1.ts')}`)),
      );
      expect(owners.length).toBeGreaterThan(0);
    }
  });

  test('when the gen-certs arguments are wrong, then it refuses with a message', () => {
    const run = (args: string[]) => {
      try {
        execFileSync('bash', [repoPath('scripts/gen-certs.sh'), ...args], { stdio: 'pipe' });
        return 'accepted';
      } catch (error) {
        return String((error as { stderr: Buffer }).stderr);
      }
    };
    expect(run(['--days', '0'])).toContain('--days must be a positive whole number');
    expect(run(['--namespace', 'Not_A_Namespace'])).toContain('--namespace must be');
  });

  test('when the kustomize base is rendered on its own, then it is valid too', () => {
    const objects = renderKustomization('deploy/k8s/base');
    expect(objects.flatMap(schemaProblems)).toEqual([]);
    expect(objects.filter((object) => object.kind === 'Secret')).toEqual([]);
  });
});
