import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { Type, type Static, type TSchema } from 'typebox';
import { NotReadyProblem, ProblemSchema, problemContentType, statusTitles } from './problem.js';

export interface OpenApiOptions {
  title: string;
  version: string;
  description: string;
  tags?: { name: string; description: string }[];
  /** Security schemes besides `bearerAuth`, by name (e.g. a client secret for one route). */
  securitySchemes?: Record<string, Record<string, unknown>>;
  /**
   * Named component schemas (each with an `$id`): responses `$ref` them through `ref()`, and
   * typed clients get them as `components['schemas'][$id]`. Problem is always included.
   */
  schemas?: TSchema[];
}

/**
 * The problem schemas the platform's own routes refer to (health checks answer NotReadyProblem),
 * added once whichever registers first: a server without an OpenAPI document still serializes
 * its 503s.
 */
export function addProblemSchemas(app: FastifyInstance): void {
  for (const [id, schema] of [
    ['Problem', ProblemSchema],
    ['NotReadyProblem', NotReadyProblem],
  ] as const) {
    if (!app.getSchema(id)) app.addSchema(schema);
  }
}

/**
 * OpenAPI 3.1 document at /docs/json (and /docs/yaml) and Swagger UI at /docs, served from
 * local assets (no CDN). Must be registered before the routes it documents.
 *
 * `servers` is the relative `/`: Swagger UI's "Try it out" then calls the origin the docs were
 * opened from (127.0.0.1, localhost or a public host alike), never another origin the browser
 * would block, and the committed documents do not depend on where a service listens.
 */
export async function registerOpenApi(app: FastifyInstance, options: OpenApiOptions): Promise<void> {
  addProblemSchemas(app);
  for (const schema of options.schemas ?? []) app.addSchema(schema);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: options.title, version: options.version, description: options.description },
      servers: [{ url: '/', description: 'The origin that serves this document' }],
      tags: [...(options.tags ?? []), { name: 'health', description: 'Liveness, readiness and metrics' }],
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description:
              'Access token from POST /api/v1/auth/login of the customers service. A missing token answers ' +
              '401 authentication_required, a refused one 401 invalid_token.',
          },
          ...options.securitySchemes,
        },
      },
    },
    // Name components after their $id ("Problem", "Cart") instead of def-0, def-1, …
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
    transformObject: (document) =>
      finishDocument((document as { openapiObject: OpenApiDocument }).openapiObject) as never,
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { persistAuthorization: true, displayRequestDuration: true },
  });
}

/** A `$ref` to a named component schema, typed as the schema itself for the route's reply. */
export function ref<T extends TSchema>(schema: T): ReturnType<typeof Type.Unsafe<Static<T>>> {
  const id = (schema as { $id?: string }).$id;
  if (!id) throw new Error('ref() needs a schema with an $id (a named component)');
  return Type.Unsafe<Static<T>>({ $ref: `${id}#` });
}

/** A 201 with the `Location` of what was created. */
export function created<T extends TSchema>(schema: T, location: string) {
  return { ...ref(schema), headers: { Location: { type: 'string', description: location } } };
}

/** A success answer without a body (204). */
export const noContent = (description: string) => Type.Null({ description });

/**
 * The marker of an operation whose request body may be left out: the document says
 * `requestBody.required: false`, and an empty body sent with `Content-Type: application/json`
 * is taken as no body at all (see createHttpServer). Spread it into the route schema.
 */
export const optionalBody = { 'x-body-optional': true } as const;

/** An operation takes no body, or marks it optional: an empty JSON body then means "no body". */
export function acceptsNoBody(schema: FastifySchema | undefined): boolean {
  return !schema?.body || (schema as Record<string, unknown>)['x-body-optional'] === true;
}

/** Problem codes by status, as routes list them; several lists merge (see `problemResponses`). */
export type ProblemList = Partial<Record<number, readonly (string | TSchema)[]>>;

/** Every authenticated operation: no token, or a refused one. */
export const bearerProblems = { 401: ['authentication_required', 'invalid_token'] } satisfies ProblemList;
/**
 * Query, path or header input that fails its schema, or that the schema let through and the
 * database refuses as a value (SQLSTATE class 22, 400 `invalid_value`).
 */
export const inputProblems = { 400: ['validation_failed', 'invalid_value'] } satisfies ProblemList;
/** An operation with a JSON request body (its values may be refused as `invalid_value` too). */
export const jsonBodyProblems = {
  400: ['validation_failed', 'malformed_json', 'invalid_value'],
  413: ['payload_too_large'],
  415: ['unsupported_media_type'],
} satisfies ProblemList;
/**
 * Any operation that reads or writes the service's database: down (503). A value the database
 * refuses can only come from client input, so `invalid_value` is listed with the input problems.
 */
export const databaseProblems = { 503: ['database_unavailable'] } satisfies ProblemList;

const retryAfter = {
  'Retry-After': { type: 'string', description: 'Seconds to wait before retrying' },
};
const wwwAuthenticate = {
  'WWW-Authenticate': {
    type: 'string',
    description:
      'RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented',
  },
};
const headersByStatus: Record<number, Record<string, unknown>> = {
  401: wwwAuthenticate,
  429: retryAfter,
  503: retryAfter,
};

/**
 * The error responses of one operation, as `application/problem+json`. Each status lists the
 * `code`s it can carry, so a typed client can switch on them and the contract tests refuse any
 * other; a named extension shape (`problemWithExtensions`) stands for its own code.
 *
 *     response: { 200: ref(Cart), ...problemResponses(bearerProblems, jsonBodyProblems, { 404: ['product_not_found'] }) }
 */
export function problemResponses(...lists: ProblemList[]): Record<number, unknown> {
  const merged = new Map<number, (string | TSchema)[]>();
  for (const list of lists) {
    for (const [status, codes] of Object.entries(list)) {
      const entry = merged.get(Number(status)) ?? [];
      for (const code of codes ?? []) if (!entry.includes(code)) entry.push(code);
      merged.set(Number(status), entry);
    }
  }
  return Object.fromEntries(
    [...merged].map(([status, codes]) => [
      status,
      {
        description: statusTitles[status]?.[1] ?? 'Error',
        ...(headersByStatus[status] ? { headers: headersByStatus[status] } : {}),
        content: { [problemContentType]: { schema: problemSchemaFor(codes) } },
      },
    ]),
  );
}

function problemSchemaFor(codes: (string | TSchema)[]): Record<string, unknown> {
  const plain = codes.filter((code): code is string => typeof code === 'string');
  const shapes = codes
    .filter((code): code is TSchema => typeof code !== 'string')
    .map((shape) => ({ $ref: `${String((shape as { $id?: string }).$id)}#` }));
  const base = plain.length
    ? [
        {
          allOf: [{ $ref: 'Problem#' }],
          type: 'object',
          required: ['code'],
          properties: {
            code: plain.length === 1 ? { type: 'string', const: plain[0] } : { type: 'string', enum: plain },
          },
        },
      ]
    : [];
  const variants = [...shapes, ...base];
  return variants.length === 1 ? (variants[0] as Record<string, unknown>) : { oneOf: variants };
}

interface OpenApiOperation {
  parameters?: { in: string; required?: boolean; schema?: { default?: unknown } }[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Record<string, unknown> }> };
  responses?: Record<string, { headers?: Record<string, unknown> }>;
  [key: string]: unknown;
}
interface OpenApiDocument {
  paths?: Record<string, Record<string, OpenApiOperation>>;
  components?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

/**
 * What the route schemas cannot say by themselves: a value with a default is never required
 * from the client (the server's types see it filled in), an optional body is not required,
 * and every answer carries X-Request-Id.
 */
function finishDocument(document: OpenApiDocument): OpenApiDocument {
  document.components = {
    ...document.components,
    headers: {
      'X-Request-Id': {
        description:
          'The request id (a sane incoming X-Request-Id is kept, else a UUID); the `request_id` of problem bodies',
        required: true,
        schema: { type: 'string' },
      },
    },
  };
  for (const operations of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in !== 'path' && parameter.schema?.default !== undefined) parameter.required = false;
      }
      if (operation['x-body-optional'] === true && operation.requestBody)
        operation.requestBody.required = false;
      delete operation['x-body-optional'];
      for (const body of Object.values(operation.requestBody?.content ?? {})) {
        const schema = body.schema as {
          required?: string[];
          properties?: Record<string, { default?: unknown }>;
        };
        if (schema?.required) {
          schema.required = schema.required.filter(
            (name) => schema.properties?.[name]?.default === undefined,
          );
        }
      }
      for (const response of Object.values(operation.responses ?? {})) {
        // Each header a route documents is sent on every answer of that status.
        for (const header of Object.values(response.headers ?? {}))
          (header as { required?: boolean }).required = true;
        response.headers = {
          ...response.headers,
          'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' },
        };
      }
    }
  }
  return document;
}

/** CORS for the browser apps listed in configuration; bearer tokens, so no cookies. */
export async function registerCors(app: FastifyInstance, origins: string[]): Promise<void> {
  await app.register(cors, {
    origin: origins.includes('*') ? true : origins,
    credentials: false,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'WWW-Authenticate', 'Location'],
    maxAge: 600,
  });
}
