import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { healthPaths } from '@cartwright/platform/http';
import { execForm, readDockerfile, sourceOf, type Stage } from '../src/dockerfile.js';
import { repoPath, services, type ServiceName } from '../src/paths.js';
import { runConfig } from '../src/service-config.js';
import { variablesReadBy, runtimeVariables } from '../src/service-variables.js';

const rootPackage = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { packageManager: string };
const servicePackage = (service: ServiceName) =>
  JSON.parse(readFileSync(repoPath(`services/${service}/package.json`), 'utf8')) as {
    name: string;
    scripts: Record<string, string>;
  };
const all = (stage: Stage, keyword: string) =>
  stage.instructions
    .filter((instruction) => instruction.keyword === keyword)
    .map((instruction) => instruction.args);

const ports: Partial<Record<ServiceName, number[]>> = {};
beforeAll(async () => {
  const customers = (await runConfig('customers', { NODE_ENV: 'test' })).config as {
    http: { port: number };
    grpc: { port: number };
  };
  const cart = (await runConfig('cart', { NODE_ENV: 'test' })).config as { http: { port: number } };
  ports.customers = [customers.http.port, customers.grpc.port];
  ports.cart = [cart.http.port];
});

describe.each(services)('services/%s/Dockerfile', (service) => {
  const path = `services/${service}/Dockerfile`;
  const { args, stages } = readDockerfile(path);
  const build = stages[0] as Stage;
  const runtime = stages.at(-1) as Stage;

  test('when read, then it is multi-stage on a Node LTS image and the runtime stage holds only the deployed copy', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const image =
      args.find((arg) => arg.args.startsWith('NODE_IMAGE='))?.args.slice('NODE_IMAGE='.length) ?? '';
    const major = Number(/^node:(\d+)/.exec(image)?.[1]);
    // LTS lines are even-numbered; 22 and up are still supported.
    expect(major % 2 === 0 && major >= 22).toBe(true);
    expect(stages.map((stage) => stage.from)).toEqual(stages.map(() => '${NODE_IMAGE}'));
    expect(all(runtime, 'COPY')).toEqual(['--from=build /out /app']);
    expect(all(runtime, 'RUN').join(' ')).not.toMatch(/pnpm|npm install|apt-get/);
  });

  test('when built, then dependencies come from the lockfile with the pinned pnpm and only production ones ship', () => {
    const runs = all(build, 'RUN').join('\n');
    const pnpmVersion = rootPackage.packageManager.replace(/^pnpm@/, '');
    expect(runs).toContain(`npm install -g pnpm@${pnpmVersion}`);
    expect(runs).toContain('pnpm fetch');
    expect(runs).toContain('pnpm install --offline --frozen-lockfile');
    const name = servicePackage(service).name;
    expect(runs).toContain(`pnpm --filter ${name}... build`);
    expect(runs).toContain(`pnpm --filter ${name} deploy --legacy --prod /out`);
    // argon2 is compiled from source in the build stage.
    expect(runs).toMatch(/apt-get install .*python3 make g\+\+/);
  });

  test('when it runs, then as a non-root user with NODE_ENV=production and listening on every interface', async () => {
    expect(all(runtime, 'USER')).toEqual(['node']);
    const env = all(runtime, 'ENV').join(' ');
    expect(env).toMatch(/\bNODE_ENV=production\b/);
    expect(env).toMatch(/\bHTTP_HOST=0\.0\.0\.0\b/);
    if (service === 'customers') expect(env).toMatch(/\bGRPC_HOST=0\.0\.0\.0\b/);
    const reads = await variablesReadBy(service);
    const names = [...env.matchAll(/\b([A-Z][A-Z0-9_]*)=/g)].map((match) => match[1] as string);
    expect(names.filter((name) => !reads.has(name) && !runtimeVariables.has(name))).toEqual([]);
  });

  test('when it listens, then EXPOSE and the HEALTHCHECK use the ports the code defaults to and the real /readyz', () => {
    const expected = ports[service] ?? [];
    expect(all(runtime, 'EXPOSE').join(' ').split(' ').map(Number)).toEqual(expected);
    const env = all(runtime, 'ENV').join(' ');
    expect(env).toContain(`HTTP_PORT=${expected[0]}`);
    const healthcheck = all(runtime, 'HEALTHCHECK').join(' ');
    expect(healthcheck).toContain(`'${healthPaths.readiness}'`);
    expect(healthcheck).toContain(`process.env.HTTP_PORT || ${expected[0]}`);
  });

  test('when the container starts, then its command is node on a compiled file that exists in src and matches start:prod', () => {
    const command = execForm(all(runtime, 'CMD')[0] ?? '[]');
    expect(command[0]).toBe('node');
    expect(servicePackage(service).scripts['start:prod']).toBe(command.join(' '));
    expect(existsSync(repoPath(`services/${service}/${sourceOf(command[1] ?? '')}`))).toBe(true);
  });
});

describe('.dockerignore', () => {
  const ignored = readFileSync(repoPath('.dockerignore'), 'utf8').split('\n');
  test('when the build context is sent, then git history, local data, secrets and tests stay out', () => {
    for (const entry of [
      '.git',
      '**/node_modules',
      '**/dist',
      '**/.data',
      'certs',
      '.env',
      'tests',
      '**/test',
      '**/*.key',
    ]) {
      expect(ignored).toContain(entry);
    }
  });
});
