/**
 * Which environment variables a service reads, taken from its own `src/config.ts` (the only
 * reader of process.env) rather than from a list kept by hand, so that renaming a variable in
 * the code makes the deployment checks fail until compose and the manifests follow.
 *
 * Static reading of the source: string literals passed to the EnvReader methods
 * (packages/platform/src/config.ts), helpers that wrap them (`fileOrValue('JWT_PRIVATE_KEY')`
 * reading `${name}_FILE` and `name`), direct `env.NAME` look-ups, and the shared
 * `readServiceSettings` of the platform when the service calls it. A reader call whose name
 * cannot be resolved is reported, never skipped.
 */
import { readFileSync } from 'node:fs';
import { repoPath, type ServiceName } from './paths.js';

const readerMethods = ['string', 'optionalString', 'int', 'bool', 'oneOf', 'list'];
const readerCall = new RegExp(`\\b(\\w+)\\.(${readerMethods.join('|')})\\(\\s*([^,)]+)`, 'g');
const variableName = /^[A-Z][A-Z0-9_]*$/;

export interface SourceVariables {
  names: Set<string>;
  /** Reader calls whose variable name could not be worked out (the extraction is incomplete). */
  unresolved: string[];
}

/** The body of the block that starts at `open` (an index of `{`), braces balanced. */
function blockAt(source: string, open: number): string {
  let depth = 0;
  for (let i = open; i < source.length; i += 1) {
    if (source[i] === '{') depth += 1;
    else if (source[i] === '}') {
      depth -= 1;
      if (depth === 0) return source.slice(open, i + 1);
    }
  }
  return source.slice(open);
}

const literal = (argument: string): string | undefined =>
  /^(['"`])([A-Z][A-Z0-9_]*)\1$/.exec(argument.trim())?.[2];

export function variablesInSource(source: string): SourceVariables {
  const names = new Set<string>();
  const unresolved: string[] = [];
  // Helpers taking the variable name as a string parameter: `const f = (name: string) => {…}`
  // or `function f(name: string) {…}`. Their reader calls use the parameter or a template.
  const helpers = new Map<string, { templates: string[]; body: string }>();
  const helperStart =
    /(?:const\s+(\w+)\s*=\s*\((\w+):\s*string\)[^{]*=>\s*|function\s+(\w+)\((\w+):\s*string[^)]*\)[^{]*)\{/g;
  for (const match of source.matchAll(helperStart)) {
    const helper = (match[1] ?? match[3]) as string;
    const parameter = (match[2] ?? match[4]) as string;
    const body = blockAt(source, (match.index ?? 0) + match[0].length - 1);
    const templates: string[] = [];
    for (const call of body.matchAll(readerCall)) {
      const argument = (call[3] as string).trim();
      if (argument === parameter) templates.push('{}');
      else if (new RegExp(`^\`[A-Z0-9_]*\\$\\{${parameter}\\}[A-Z0-9_]*\`$`).test(argument)) {
        templates.push(argument.slice(1, -1).replace(`\${${parameter}}`, '{}'));
      }
    }
    if (templates.length > 0) helpers.set(helper, { templates, body });
  }
  const insideHelper = (index: number) =>
    [...helpers.values()].some(({ body }) => {
      const start = source.indexOf(body);
      return index >= start && index < start + body.length;
    });

  for (const call of source.matchAll(readerCall)) {
    const name = literal(call[3] as string);
    if (name) names.add(name);
    else if (!insideHelper(call.index ?? 0)) unresolved.push(call[0]);
  }
  for (const [helper, { templates }] of helpers) {
    for (const call of source.matchAll(new RegExp(`\\b${helper}\\(\\s*([^,)]+)`, 'g'))) {
      const name = literal(call[1] as string);
      if (name) for (const template of templates) names.add(template.replace('{}', name));
      // A helper passing its own parameter on (`fileOrValue(name)` inside a helper) is covered
      // by that helper's calls; anywhere else a computed name is a gap in the extraction.
      else if (!insideHelper(call.index ?? 0)) unresolved.push(call[0]);
    }
  }
  // Cross-variable rules sometimes look at the raw environment: `env.GRPC_TLS_CERT_FILE`.
  for (const access of source.matchAll(/\benv(?:\.([A-Z][A-Z0-9_]*)|\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\])/g)) {
    names.add((access[1] ?? access[2]) as string);
  }
  return { names, unresolved };
}

/** Every variable `services/<service>/src/config.ts` reads, with the platform's shared ones it calls. */
export function variablesReadBy(service: ServiceName): SourceVariables {
  const own = readFileSync(repoPath(`services/${service}/src/config.ts`), 'utf8');
  const result = variablesInSource(own);
  if (/\breadServiceSettings\s*\(/.test(own)) {
    const platform = readFileSync(repoPath('packages/platform/src/config.ts'), 'utf8');
    // From `export function readServiceSettings` to the next top-level export.
    const start = platform.indexOf('export function readServiceSettings');
    const next = platform.indexOf('\nexport ', start + 1);
    const shared = variablesInSource(platform.slice(start, next === -1 ? undefined : next));
    for (const name of shared.names) result.names.add(name);
    result.unresolved.push(...shared.unresolved);
  }
  for (const name of result.names) {
    if (!variableName.test(name)) result.unresolved.push(name);
  }
  return result;
}

/**
 * Variables a container may set that no config.ts reads because Node, libuv or libc reads them.
 * Kept short on purpose: anything else set in compose or a manifest must be read by the code.
 */
export const runtimeVariables = new Set([
  'UV_THREADPOOL_SIZE',
  'NODE_OPTIONS',
  'TZ',
  // glibc's malloc (the images are Debian based); docs/performance.md says why it is set.
  'MALLOC_ARENA_MAX',
]);
