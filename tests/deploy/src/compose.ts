/**
 * docker-compose.yml as Compose itself would see it, without Docker: YAML parsed, override
 * files merged (mappings merged, sequences of volumes/ports appended, as Compose does for the
 * keys used here) and `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?message}`
 * interpolated from a given environment (the .env file's role).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { repoPath } from './paths.js';

export type ComposeDocument = {
  services: Record<string, ComposeService>;
  networks?: Record<string, { internal?: boolean } | null>;
  volumes?: Record<string, unknown>;
};
export interface ComposeService {
  /** Started only when one of these profiles is active; none: always started. */
  profiles?: string[];
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[] | string;
  environment?: Record<string, string | number | boolean | null>;
  ports?: (string | { target: number; published?: string | number })[];
  expose?: (string | number)[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] | string };
  networks?: string[];
  stop_grace_period?: string;
}

export function readComposeFile(path: string): ComposeDocument {
  return parse(readFileSync(repoPath(path), 'utf8')) as ComposeDocument;
}

/** Every `${NAME…}` reference in a document, for the documentation check. */
export function interpolatedNames(document: unknown): Set<string> {
  const names = new Set<string>();
  for (const match of JSON.stringify(document).matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)) {
    names.add(match[1] as string);
  }
  return names;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function mergeCompose(base: unknown, override: unknown): unknown {
  if (isMapping(base) && isMapping(override)) {
    const merged: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(override))
      merged[key] = key in base ? mergeCompose(base[key], value) : value;
    return merged;
  }
  if (Array.isArray(base) && Array.isArray(override)) return [...base, ...override];
  return override;
}

export function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}/g,
    (whole, name: string | undefined, colon: string, operator: string, argument: string) => {
      if (whole === '$$') return '$';
      const set = name !== undefined && env[name] !== undefined;
      const value = set ? (env[name as string] as string) : '';
      const missing = colon ? value === '' : !set;
      if (operator === '-') return missing ? argument : value;
      if (operator === '?' && missing) throw new Error(`${name}: ${argument}`);
      return value;
    },
  );
}

/** The document with every string interpolated (keys are never interpolated by Compose). */
export function interpolateDocument<T>(document: T, env: Record<string, string>): T {
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return interpolate(value, env);
    if (Array.isArray(value)) return value.map(walk);
    if (isMapping(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  return walk(document) as T;
}

/** The environment a service's container gets, as strings. */
export function serviceEnvironment(service: ComposeService): Record<string, string> {
  return Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([key, value]) => [
      key,
      value === null ? '' : String(value),
    ]),
  );
}

/** `host:container[:ro]` bind mounts whose host side is a path (not a named volume). */
export function bindMounts(service: ComposeService): { source: string; target: string }[] {
  return (service.volumes ?? [])
    .map((volume) => volume.split(':'))
    .filter(([source]) => source !== undefined && /^[./]/.test(source))
    .map(([source, target]) => ({ source: source as string, target: target as string }));
}

/** The services `docker compose [--profile P]… up` starts: unprofiled ones, plus those of an active profile. */
export function activeServices(document: ComposeDocument, profiles: readonly string[] = []): string[] {
  return Object.entries(document.services)
    .filter(([, service]) => !service.profiles || service.profiles.some((p) => profiles.includes(p)))
    .map(([name]) => name);
}

/** `[address:]published:target` → the container port. */
export function publishedTargets(service: ComposeService): number[] {
  return (service.ports ?? []).map((port) =>
    typeof port === 'string' ? Number(port.split(':').at(-1)?.split('/')[0]) : port.target,
  );
}
