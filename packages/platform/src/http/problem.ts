import { Type, type Static, type TProperties } from 'typebox';

/**
 * RFC 9457 problem details. `code` is the stable, machine-readable identifier clients switch
 * on; `type` is derived from it as a URN, since the project publishes no page per problem.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  request_id?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export interface FieldError {
  /** Where the bad value was: body, querystring, params or headers. */
  in: string;
  /** JSON-pointer-like path inside that part, e.g. "email" or "items/0/quantity". */
  field: string;
  message: string;
}

/** What a service's error table returns for one of its domain errors. */
export interface ProblemMapping {
  status: number;
  code: string;
  title: string;
  detail?: string;
  headers?: Record<string, string>;
  /** Extension members, e.g. the offending products of an out-of-stock checkout. */
  extensions?: Record<string, unknown>;
}

export const problemContentType = 'application/problem+json';

export const problemType = (code: string) => `urn:cartwright:problem:${code}`;

export const ProblemSchema = Type.Object(
  {
    type: Type.String({ examples: [problemType('validation_failed')] }),
    title: Type.String({ examples: ['Request validation failed'] }),
    status: Type.Integer({ examples: [400] }),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    code: Type.String({ description: 'Stable machine-readable error code', examples: ['validation_failed'] }),
    request_id: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(Type.Object({ in: Type.String(), field: Type.String(), message: Type.String() })),
    ),
  },
  { $id: 'Problem', additionalProperties: true, description: 'RFC 9457 problem details' },
);
export type ProblemBody = Static<typeof ProblemSchema>;

export const statusTitles: Record<number, [code: string, title: string]> = {
  400: ['bad_request', 'Bad request'],
  401: ['authentication_required', 'Authentication required'],
  403: ['forbidden', 'Forbidden'],
  404: ['not_found', 'Not found'],
  405: ['method_not_allowed', 'Method not allowed'],
  406: ['not_acceptable', 'Not acceptable'],
  408: ['request_timeout', 'Request timeout'],
  409: ['conflict', 'Conflict'],
  411: ['length_required', 'Length required'],
  413: ['payload_too_large', 'Request body too large'],
  414: ['uri_too_long', 'URI too long'],
  415: ['unsupported_media_type', 'Unsupported media type'],
  422: ['unprocessable_content', 'Unprocessable content'],
  429: ['rate_limited', 'Too many requests'],
  431: ['headers_too_large', 'Request header fields too large'],
  500: ['internal_error', 'Internal server error'],
  503: ['service_unavailable', 'Service unavailable'],
};

/**
 * A named problem shape with extension members, for the codes that carry more than the base
 * Problem (e.g. the products of an out-of-stock checkout). Register it in `schemas` and list it
 * in `problemResponses` instead of its code.
 */
export function problemWithExtensions(
  name: string,
  code: string,
  extensions: TProperties,
  description: string,
) {
  return Type.Unsafe<Record<string, unknown>>({
    $id: name,
    description,
    allOf: [
      { $ref: 'Problem#' },
      {
        type: 'object',
        required: ['code', ...Object.keys(extensions)],
        properties: { code: { type: 'string', const: code }, ...extensions },
      },
    ],
  });
}

/** The 503 of GET /readyz: which checks failed. */
export const NotReadyProblem = problemWithExtensions(
  'NotReadyProblem',
  'not_ready',
  {
    checks: Type.Record(Type.String(), Type.Union([Type.Literal('up'), Type.Literal('down')]), {
      description: 'Each check by name',
    }),
  },
  'A required dependency does not answer',
);
