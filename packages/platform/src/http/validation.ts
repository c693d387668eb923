import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import type { FieldError } from './problem.js';

// ajv-formats is CommonJS; under ESM its default export arrives as the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => Ajv;

function makeAjv(coerceTypes: boolean | 'array'): Ajv {
  // removeAdditional stays off: an unknown field (e.g. is_admin on registration) must be a 400,
  // never silently dropped.
  const ajv = new Ajv({
    allErrors: true,
    coerceTypes,
    useDefaults: true,
    removeAdditional: false,
    strict: false,
  });
  addFormats(ajv);
  return ajv;
}

/**
 * Bodies are validated strictly (a JSON "5" is not the number 5), while query strings, path
 * parameters and headers are text on the wire and are coerced to their declared types. No text
 * in a query, header or body may hold a NUL character: PostgreSQL cannot store one in `text`, so
 * it is refused here, as a field error, for every route at once rather than in each schema.
 */
export function createValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const strict = makeAjv(false);
  const coercing = makeAjv('array');
  return ({ schema, httpPart }) => {
    const validate = (httpPart === 'body' ? strict : coercing).compile(schema as object);
    // Path parameters are left to their own shapes (a uuid format, a share slug's alphabet),
    // which refuse a NUL with the operation's own answer: a malformed share slug is 404 exactly
    // like an unknown one, so nothing tells a prober which slugs are well-formed.
    const refusesNul = httpPart !== 'params';
    return (data: unknown) => {
      const withNul = refusesNul ? pathToNul(data, '', 0) : undefined;
      if (withNul !== undefined) return { error: toError([nulError(withNul)]) };
      return validate(data) ? { value: data } : { error: toError(validate.errors ?? []) };
    };
  };
}

/** The JSON pointer of the first string (value or key) holding U+0000, if any. */
function pathToNul(data: unknown, path: string, depth: number): string | undefined {
  if (typeof data === 'string') return data.includes('\u0000') ? path : undefined;
  // Deeper than any schema goes: ajv refuses the shape anyway, and the walk stays bounded.
  if (data === null || typeof data !== 'object' || depth > 64) return undefined;
  for (const [key, value] of Object.entries(data)) {
    const at = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (key.includes('\u0000')) return at;
    const found = pathToNul(value, at, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function nulError(instancePath: string): ErrorObject {
  return {
    instancePath,
    schemaPath: '#',
    keyword: 'noNul',
    params: {},
    message: 'must not contain the NUL character (U+0000)',
  };
}

function toError(errors: ErrorObject[]): Error & { validation: ErrorObject[] } {
  return Object.assign(new Error('validation failed'), { validation: errors });
}

export function fieldErrors(errors: ErrorObject[], part: string): FieldError[] {
  return errors.map((error) => {
    const base = error.instancePath.replace(/^\//, '');
    const params = error.params as { missingProperty?: string; additionalProperty?: string };
    const leaf = params.missingProperty ?? params.additionalProperty;
    const field = leaf ? (base ? `${base}/${leaf}` : leaf) : base;
    const message = params.additionalProperty
      ? 'is not an allowed property'
      : (error.message ?? 'is invalid');
    return { in: part, field: field || '(root)', message };
  });
}
