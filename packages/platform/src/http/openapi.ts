import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ProblemSchema, statusTitles } from './problem.js';

export interface OpenApiOptions {
  title: string;
  version: string;
  description: string;
  /** Base URLs shown in Swagger UI's server list. */
  servers?: { url: string; description?: string }[];
  tags?: { name: string; description: string }[];
  /** Security schemes besides `bearerAuth`, by name (e.g. a client secret for one route). */
  securitySchemes?: Record<string, Record<string, unknown>>;
}

/**
 * OpenAPI 3.1 document at /docs/json (and /docs/yaml) and Swagger UI at /docs, served from
 * local assets (no CDN). Registers the shared Problem schema as a component and the bearer
 * security scheme. Must be registered before the routes it documents.
 */
export async function registerOpenApi(app: FastifyInstance, options: OpenApiOptions): Promise<void> {
  app.addSchema(ProblemSchema);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: options.title, version: options.version, description: options.description },
      servers: options.servers ?? [],
      tags: [...(options.tags ?? []), { name: 'health', description: 'Liveness and readiness probes' }],
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description: 'Access token from POST /api/v1/auth/login',
          },
          ...options.securitySchemes,
        },
      },
    },
    // Name components after their $id ("Problem") instead of def-0, def-1, …
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { persistAuthorization: true, displayRequestDuration: true },
  });
}

/** A `$ref` to the shared Problem schema, for route response maps. */
export const ProblemRef = Type.Unsafe<Record<string, unknown>>({ $ref: 'Problem#' });

/** Response entries for error statuses, e.g. `...problemResponses(400, 401, 404)`. */
export function problemResponses(...statuses: number[]): Record<number, unknown> {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { ...ProblemRef, description: statusTitles[status]?.[1] ?? 'Error (problem details)' },
    ]),
  );
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
