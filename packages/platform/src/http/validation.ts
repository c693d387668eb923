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
 * parameters and headers are text on the wire and are coerced to their declared types.
 */
export function createValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const strict = makeAjv(false);
  const coercing = makeAjv('array');
  return ({ schema, httpPart }) => {
    const validate = (httpPart === 'body' ? strict : coercing).compile(schema as object);
    return (data: unknown) => (validate(data) ? { value: data } : { error: toError(validate.errors ?? []) });
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
