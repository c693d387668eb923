/**
 * Runs a service's real `loadConfig` (its src/config.ts) on an environment, and records which
 * variables it looked at. Only config.ts is loaded: nothing that opens a database or a port.
 */
import type { ServiceName } from './paths.js';

type Env = Readonly<Record<string, string | undefined>>;

/** What each service's config.ts exports. */
interface ConfigModule {
  loadConfig(env: Env, options?: Record<string, unknown>): unknown;
  /** Every variable loadConfig reads. */
  configVariables(): string[];
}

export async function configModuleOf(service: ServiceName): Promise<ConfigModule> {
  return (await import(`../../../services/${service}/src/config.js`)) as ConfigModule;
}

export interface ConfigRun {
  config?: Record<string, unknown>;
  /** The ConfigError's list, or the message of any other error. */
  problems: string[];
  /** Every variable name the code asked the environment for. */
  looked: Set<string>;
}

export async function runConfig(service: ServiceName, env: Record<string, string>): Promise<ConfigRun> {
  const { loadConfig } = await configModuleOf(service);
  const looked = new Set<string>();
  const recording = new Proxy(env, {
    get(target, key) {
      if (typeof key === 'string') looked.add(key);
      return target[key as string];
    },
  });
  try {
    const config = loadConfig(recording) as Record<string, unknown>;
    return { config, problems: [], looked };
  } catch (error) {
    const problems = (error as { problems?: unknown }).problems;
    return {
      problems: Array.isArray(problems) ? (problems as string[]) : [String((error as Error).message)],
      looked,
    };
  }
}
