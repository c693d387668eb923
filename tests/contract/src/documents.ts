import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; under ESM its default export arrives as the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

export type ServiceName = 'customers' | 'cart';

interface MediaType {
  schema?: unknown;
}
interface ResponseObject {
  content?: Record<string, MediaType>;
  headers?: Record<string, { required?: boolean; $ref?: string }>;
}
export interface Operation {
  service: ServiceName;
  operationId: string;
  method: string;
  path: string;
  secured: boolean;
  hasBody: boolean;
  /** Documented statuses, as strings ("200", "401"). */
  statuses: string[];
  responses: Record<string, ResponseObject>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: Record<string, Record<string, unknown>>;
}

/** One committed document, read as a client would (openapi/<service>.json). */
export function loadDocument(service: ServiceName): OpenApiDocument {
  return JSON.parse(
    readFileSync(new URL(`../../../openapi/${service}.json`, import.meta.url), 'utf8'),
  ) as OpenApiDocument;
}

export function operationsOf(service: ServiceName, document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => {
      const responses = operation.responses as Record<string, ResponseObject>;
      const security = operation.security as Record<string, unknown>[] | undefined;
      return {
        service,
        operationId: String(operation.operationId),
        method: method.toUpperCase(),
        path,
        secured: (security ?? []).some((requirement) => 'bearerAuth' in requirement),
        hasBody: operation.requestBody !== undefined,
        statuses: Object.keys(responses),
        responses,
      };
    }),
  );
}

/** One live answer, as the checker sees it. */
export interface LiveAnswer {
  status: number;
  headers: Headers;
  /** The raw body text. */
  text: string;
}

const pointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Checks live answers against one document: the status must be documented for the operation,
 * the content type must be one the document lists for that status (or none when it lists
 * none), the body must validate against its schema (ajv, JSON Schema 2020-12, formats on), and
 * every header documented for the status must be there. Returns what is wrong, empty when the
 * answer is as documented.
 */
export function createChecker(service: ServiceName, document: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  const id = `https://cartwright.invalid/${service}.json`;
  // The whole document is one schema resource: `#/components/schemas/...` refs resolve in it.
  ajv.addSchema({ ...document, $id: id });
  const compiled = new Map<string, ValidateFunction>();
  const validatorFor = (operation: Operation, status: string, mediaType: string) => {
    const ref = `${id}#/paths/${pointer(operation.path)}/${operation.method.toLowerCase()}/responses/${status}/content/${pointer(mediaType)}/schema`;
    let validate = compiled.get(ref);
    if (!validate) {
      validate = ajv.compile({ $ref: ref });
      compiled.set(ref, validate);
    }
    return validate;
  };

  return (operation: Operation, answer: LiveAnswer): string[] => {
    const where = `${service} ${operation.operationId} (${operation.method} ${operation.path}) answered ${answer.status}`;
    const response = operation.responses[String(answer.status)];
    if (!response) return [`${where}: status not documented (documented: ${operation.statuses.join(', ')})`];
    const problems: string[] = [];
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      const required = header.required === true || header.$ref?.endsWith('/X-Request-Id') === true;
      if (required && !answer.headers.has(name)) problems.push(`${where}: documented header ${name} missing`);
    }
    const documented = Object.keys(response.content ?? {});
    const contentType = answer.headers.get('content-type')?.split(';')[0]?.trim();
    if (documented.length === 0) {
      if (answer.text !== '') problems.push(`${where}: a body was sent where none is documented`);
      return problems;
    }
    if (!contentType || !documented.includes(contentType)) {
      problems.push(
        `${where}: content type ${contentType ?? '(none)'} is not documented (${documented.join(', ')})`,
      );
      return problems;
    }
    let body: unknown = answer.text;
    if (contentType.endsWith('json')) {
      try {
        body = JSON.parse(answer.text);
      } catch {
        problems.push(`${where}: the ${contentType} body is not JSON`);
        return problems;
      }
    }
    const validate = validatorFor(operation, String(answer.status), contentType);
    if (!validate(body)) {
      problems.push(
        `${where}: body does not match the documented schema: ${ajv.errorsText(validate.errors)} — body: ${answer.text.slice(0, 500)}`,
      );
    }
    return problems;
  };
}

/** Which documented (operation, status) pairs were seen, and which codes came with them. */
export function createCoverage(operations: Operation[]) {
  const seen = new Map<string, Set<string>>();
  const key = (operation: Operation, status: string) =>
    `${operation.service} ${operation.operationId} ${status}`;
  return {
    record(operation: Operation, status: number, code?: string) {
      const entry = seen.get(key(operation, String(status))) ?? new Set<string>();
      if (code) entry.add(code);
      seen.set(key(operation, String(status)), entry);
    },
    /** Operations never called at all. */
    neverExercised: () =>
      operations
        .filter((operation) => !operation.statuses.some((status) => seen.has(key(operation, status))))
        .map((operation) => `${operation.service} ${operation.operationId}`),
    /** Documented (operation, status) pairs never answered, except those `excused` lets go. */
    statusesNeverSeen: (excused: (operation: Operation, status: string) => boolean = () => false) =>
      operations.flatMap((operation) =>
        operation.statuses
          .filter((status) => !seen.has(key(operation, status)) && !excused(operation, status))
          .map((status) => key(operation, status)),
      ),
    /** How many (operation, status) pairs were seen. */
    size: () => seen.size,
  };
}
