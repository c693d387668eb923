/**
 * Typed reading of environment variables. Each service's config.ts is the only caller: it reads
 * every variable through one `EnvReader`, then calls `done()` so that all bad variables are
 * reported together with a clear message, instead of failing on the first one at start-up.
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

export interface EnvReader {
  string(name: string, fallback: string): string;
  optionalString(name: string): string | undefined;
  int(name: string, fallback: number, bounds?: { min?: number; max?: number }): number;
  bool(name: string, fallback: boolean): boolean;
  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T;
  list(name: string, fallback: readonly string[]): string[];
  /** Records a problem found by a cross-variable rule (e.g. "production needs a key"). */
  problem(message: string): void;
  /** Throws a ConfigError listing every problem, if there were any. */
  done(): void;
}

export function readEnv(env: Env): EnvReader {
  const problems: string[] = [];
  const raw = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };

  return {
    string: (name, fallback) => raw(name) ?? fallback,
    optionalString: (name) => raw(name),
    int(name, fallback, bounds = {}) {
      const value = raw(name);
      if (value === undefined) return fallback;
      const parsed = Number(value);
      if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(parsed)) {
        problems.push(`${name} must be an integer, got "${value}"`);
        return fallback;
      }
      if (bounds.min !== undefined && parsed < bounds.min) {
        problems.push(`${name} must be >= ${bounds.min}, got ${parsed}`);
      } else if (bounds.max !== undefined && parsed > bounds.max) {
        problems.push(`${name} must be <= ${bounds.max}, got ${parsed}`);
      }
      return parsed;
    },
    bool(name, fallback) {
      const value = raw(name)?.toLowerCase();
      if (value === undefined) return fallback;
      if (['1', 'true', 'yes', 'on'].includes(value)) return true;
      if (['0', 'false', 'no', 'off'].includes(value)) return false;
      problems.push(`${name} must be true or false, got "${value}"`);
      return fallback;
    },
    oneOf(name, allowed, fallback) {
      const value = raw(name);
      if (value === undefined) return fallback;
      if ((allowed as readonly string[]).includes(value)) return value as (typeof allowed)[number];
      problems.push(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
      return fallback;
    },
    list(name, fallback) {
      const value = raw(name);
      if (value === undefined) return [...fallback];
      return value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
    },
    problem: (message) => problems.push(message),
    done() {
      if (problems.length > 0) throw new ConfigError(problems);
    },
  };
}
