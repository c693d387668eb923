import fc from 'fast-check';

/** The slice of an OpenAPI 3.1 document the fuzzer reads. */
export interface Schema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minProperties?: number;
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  examples?: unknown[];
  default?: unknown;
  anyOf?: Schema[];
}

export interface Operation {
  method: string;
  /** OpenAPI path, `{name}` for parameters. */
  path: string;
  pathParams: { name: string; schema: Schema }[];
  queryParams: { name: string; schema: Schema }[];
  headerParams: { name: string; schema: Schema }[];
  body: Schema | undefined;
  /** The document says the body may not be left out (`requestBody.required`). */
  bodyRequired: boolean;
  secured: boolean;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string; name: string; schema: Schema }[];
        requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
        security?: unknown[];
      }
    >
  >;
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const parameters = op.parameters ?? [];
      const pick = (where: string) =>
        parameters.filter((p) => p.in === where).map((p) => ({ name: p.name, schema: p.schema }));
      operations.push({
        method: method.toUpperCase(),
        path,
        pathParams: pick('path'),
        queryParams: pick('query'),
        headerParams: pick('header'),
        body: op.requestBody?.content?.['application/json']?.schema,
        bodyRequired: op.requestBody?.required === true,
        secured: (op.security ?? []).length > 0,
      });
    }
  }
  return operations;
}

/** One hostile request, described so a failing case reads well in fast-check's report. */
export interface HostileRequest {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

const typesOf = (schema: Schema): string[] =>
  Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];

const nullable = (schema: Schema) =>
  typesOf(schema).includes('null') || (schema.anyOf ?? []).some((s) => typesOf(s).includes('null'));

/** A value of the schema, good enough to leave that part of the request valid. */
export function validSample(schema: Schema): unknown {
  if (schema.examples?.length) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  const type = typesOf(schema)[0];
  switch (type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const name of schema.required ?? []) {
        const property = schema.properties?.[name];
        if (property) result[name] = validSample(property);
      }
      if (Object.keys(result).length < (schema.minProperties ?? 0)) {
        const [name, property] = Object.entries(schema.properties ?? {})[0] ?? [];
        if (name && property) result[name] = validSample(property);
      }
      return result;
    }
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return true;
    case 'array':
      return [];
    default:
      if (schema.format === 'uuid') return '3f1c2a9e-5b7d-4c1e-9a2b-000000000001';
      if (schema.format === 'email') return 'someone@example.com';
      return 'a'.repeat(Math.max(schema.minLength ?? 1, 1));
  }
}

/** Text that looks hostile: controls, lone surrogates, bidi overrides, zero-width, emoji. */
const weirdText = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
  fc.constantFrom(
    '\u0000',
    '\ud800',
    '\udfff\ud800',
    '\u202e\u2066evil',
    '\u200b\u200d\ufeff',
    'ǅ̸̡̛͓̞͍͙̦̿͌̀̊',
    '💥'.repeat(50),
    '%00%ff%fe',
    "'; drop table users; --",
    '{{7*7}}${7*7}',
    '../../../../etc/passwd',
  ),
);

/** A value that violates `schema` by construction (never one the schema accepts). */
export function brokenValue(schema: Schema): fc.Arbitrary<unknown> {
  const types = typesOf(schema);
  const options: fc.Arbitrary<unknown>[] = [
    // Deep nesting: an array 2,000 levels down where a scalar or flat object belongs.
    fc.integer({ min: 50, max: 2000 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth))),
  ];
  if (!types.includes('object')) options.push(fc.constant({ nested: { deeper: [1, { x: null }] } }));
  if (!types.includes('array') && !types.includes('object')) options.push(fc.constant([1, 'two']));
  if (!nullable(schema)) options.push(fc.constant(null));
  if (types.includes('integer') || types.includes('number')) {
    options.push(
      fc.constantFrom('12', 'twelve', '', true),
      fc
        .constantFrom(1e308, 2 ** 53 + 2, 1e21, Number.MAX_SAFE_INTEGER * 10)
        .filter(() => schema.maximum !== undefined),
    );
    if (schema.minimum !== undefined) {
      const minimum = schema.minimum;
      options.push(fc.integer({ min: -1e9, max: minimum - 1 }), fc.constant(-0.5 + minimum));
    }
    if (schema.maximum !== undefined) options.push(fc.integer({ min: schema.maximum + 1, max: 2 ** 31 }));
    if (types.includes('integer'))
      options.push(fc.double({ min: 1.0001, max: 98.5, noNaN: true }).map((d) => d + 0.25));
  } else if (types.includes('string')) {
    options.push(fc.constantFrom(42, -1, 0.5, true, false), fc.constant({ $gt: '' }));
    if (schema.maxLength !== undefined) {
      const max = schema.maxLength;
      options.push(
        weirdText.map((text) =>
          (text.repeat(Math.ceil((max + 1) / Math.max(text.length, 1))) + 'x'.repeat(max + 1)).slice(
            0,
            max * 2 + 2,
          ),
        ),
      );
    }
    if (schema.format === 'uuid')
      options.push(
        weirdText.map((t) => `not-a-uuid-${t}`),
        fc.constant('3f1c2a9e5b7d4c1e9a2b000000000001x'),
      );
    if (schema.format === 'email') options.push(weirdText.map((t) => `no-at-sign-${t.replace(/@/g, '')}`));
    if ((schema.minLength ?? 0) > 0) options.push(fc.constant(''));
    if (schema.enum) options.push(weirdText.map((t) => `not-listed-${t}`));
  } else if (types.includes('boolean')) {
    options.push(fc.constantFrom('true', 1, 0, 'yes'));
  } else if (types.includes('object')) {
    options.push(fc.constantFrom('object?', 7, [], true));
  }
  return fc.oneof(...options);
}

/** A broken body: the valid sample with one thing wrong, or something that is not the object. */
function brokenBody(schema: Schema): fc.Arbitrary<{ kind: string; value: unknown }> {
  const valid = validSample(schema) as Record<string, unknown>;
  const properties = Object.entries(schema.properties ?? {});
  const options: fc.Arbitrary<{ kind: string; value: unknown }>[] = [
    fc
      .constantFrom<unknown>([], [valid], 'a string', 0, -1.5, true, null)
      .map((value) => ({ kind: 'body: not an object', value })),
    fc.integer({ min: 100, max: 3000 }).map((depth) => ({
      kind: 'body: deep nesting',
      value: JSON.parse('{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
    })),
  ];
  if (properties.length > 0) {
    options.push(
      fc.constantFrom(...properties).chain(([name, property]) =>
        brokenValue(property).map((bad) => ({
          kind: `body: ${name} broken`,
          value: { ...valid, [name]: bad },
        })),
      ),
    );
  }
  const required = schema.required ?? [];
  if (required.length > 0) {
    options.push(
      fc.constantFrom(...required).map((name) => {
        const { [name]: _dropped, ...rest } = valid;
        return { kind: `body: ${name} missing`, value: rest };
      }),
    );
  }
  if (schema.additionalProperties === false) {
    options.push(
      fc
        .tuple(
          fc.constantFrom('is_admin', '__proto__', 'constructor', 'password_hash', 'user_id', 'extra'),
          fc.jsonValue(),
        )
        .filter(([name]) => !(name in (schema.properties ?? {})))
        .map(([name, extra]) => ({
          kind: `body: extra field ${name}`,
          // JSON text, so "__proto__" is a real own key on the wire.
          value: { ...valid, [name]: extra },
        })),
    );
  }
  if ((schema.minProperties ?? 0) > 0) options.push(fc.constant({ kind: 'body: empty object', value: {} }));
  return fc.oneof(...options);
}

/** Percent-encodes every byte but [A-Za-z0-9_~-] (lone surrogates become U+FFFD's bytes). */
const encodeSegment = (text: string) =>
  [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9_~-]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).padStart(2, '0').toUpperCase()}`,
    )
    .join('');

function fillPath(op: Operation, broken?: { name: string; value: string }): string {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (broken?.name === name) return broken.value;
    const param = op.pathParams.find((p) => p.name === name);
    return encodeSegment(String(param ? validSample(param.schema) : 'x'));
  });
}

const bodyMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Every kind of hostile request that applies to `op`; each breaks its contract for sure. */
export function hostileRequests(op: Operation, bodyLimitBytes: number): fc.Arbitrary<HostileRequest> {
  const validBody = op.body ? JSON.stringify(validSample(op.body)) : undefined;
  const json = (body: unknown) => ({ 'content-type': 'application/json', body: JSON.stringify(body) });
  const base = (kind: string, path = fillPath(op)): HostileRequest => ({
    kind,
    method: op.method,
    path,
    headers: validBody ? { 'content-type': 'application/json' } : {},
    ...(validBody ? { body: validBody } : {}),
  });
  const options: fc.Arbitrary<HostileRequest>[] = [];

  for (const param of op.pathParams) {
    // A parameter with no format accepts any text: then only "no such thing" (404) is expected.
    const broken = param.schema.format
      ? fc.oneof(
          brokenValue(param.schema).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))),
          weirdText,
          fc.constantFrom('0', '-1', '1.5', '9'.repeat(40), 'a'.repeat(201), '%ff%fe', '%00'),
        )
      : fc.oneof(weirdText, fc.constantFrom('a'.repeat(199), 'a'.repeat(500), '%ff%fe%00'));
    options.push(
      broken
        .filter((value) => value.length > 0 && !/^\.+$/.test(value))
        .map((value) => {
          // Raw percent sequences stay as they are (invalid escapes on the wire); the rest is encoded.
          const wire = /^(%[0-9a-f]{2})+$/i.test(value) ? value : encodeSegment(value);
          return base(`path: ${param.name}`, fillPath(op, { name: param.name, value: wire }));
        }),
    );
  }

  const breakableQuery = op.queryParams.filter((p) => {
    const types = typesOf(p.schema);
    return types.includes('integer') || p.schema.maxLength !== undefined || p.schema.format || p.schema.enum;
  });
  for (const param of breakableQuery) {
    const types = typesOf(param.schema);
    const values: fc.Arbitrary<string[]>[] = [];
    if (types.includes('integer')) {
      values.push(
        fc.constantFrom('abc', '1.5', '1e400', '9'.repeat(30), 'NaN', '-Infinity').map((v) => [v]),
        fc.constant(['1', '2']),
      );
      if (param.schema.minimum !== undefined) values.push(fc.constant([String(param.schema.minimum - 1)]));
      if (param.schema.maximum !== undefined) values.push(fc.constant([String(param.schema.maximum + 1)]));
    }
    if (param.schema.maxLength !== undefined) {
      const max = param.schema.maxLength;
      values.push(weirdText.map((t) => [(t + 'q'.repeat(max + 1)).slice(0, max + 1 + t.length)]));
    }
    if (param.schema.format === 'uuid') values.push(weirdText.map((t) => [`bad-${t}`]));
    options.push(
      fc.oneof(...values).map((vs) => {
        const query = vs.map((v) => `${param.name}=${encodeSegment(v)}`).join('&');
        return { ...base(`query: ${param.name}`), path: `${fillPath(op)}?${query}` };
      }),
    );
  }

  for (const header of op.headerParams) {
    // Text the header's pattern (printable ASCII, 1-200) refuses; Latin-1 passes Node's checks.
    options.push(
      fc.constantFrom('caf\u00e9', 'x'.repeat(201), '\u00ff\u00fe', 'tab\there').map((value) => ({
        ...base(`header: ${header.name}`),
        headers: { ...base('').headers, [header.name]: value },
      })),
    );
  }

  if (op.secured) {
    // Credentials that are not a bearer token, or not a token at all.
    options.push(
      fc
        .oneof(
          fc.constantFrom(
            '',
            'Bearer',
            'Bearer ',
            'Basic YWRtaW46YWRtaW4=',
            'bearer a.b',
            'Bearer ...',
            'Token abc',
          ),
          weirdText.map((t) => `Bearer ${t}`),
          fc
            .integer({ min: 1000, max: 7000 })
            .map((n) => `Bearer ${'A'.repeat(n)}.${'B'.repeat(n)}.${'C'.repeat(n)}`),
        )
        // Node refuses to send header values with control characters or above Latin-1.
        .map((value) => value.replace(/[^\x20-\x7e]/g, '?'))
        .map((value) => ({
          ...base('authorization header'),
          headers: { ...base('').headers, authorization: value },
        })),
    );
  }

  if (op.body) {
    options.push(
      brokenBody(op.body).map(({ kind, value }) => ({
        ...base(kind),
        ...json(value),
        headers: { 'content-type': 'application/json' },
      })),
    );
  }

  if (bodyMethods.has(op.method)) {
    const withBody = (kind: string, contentType: string, body: string | Buffer): HostileRequest => ({
      kind,
      method: op.method,
      path: fillPath(op),
      headers: { 'content-type': contentType },
      body,
    });
    options.push(
      fc
        .constantFrom('{', '{"a":', "{'single': 'quotes'}", 'nul', '[1,]', '{"a":1}}', '\u0000', '{"a":NaN}')
        .map((text) => withBody('invalid JSON', 'application/json', text)),
      fc
        .tuple(
          fc.constantFrom(
            'text/plain',
            'application/x-www-form-urlencoded',
            'application/xml',
            'multipart/form-data; boundary=x',
            'application/octet-stream',
            'image/png',
          ),
          fc.constantFrom('a=1&b=2', '<a>1</a>', validBody ?? '{}'),
        )
        .map(([type, body]) => withBody(`content type ${type}`, type, body)),
      // Bytes that are not UTF-8 inside a JSON string (and the object is unterminated).
      fc.constant(
        withBody(
          'non-UTF-8 bytes',
          'application/json',
          Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22]),
        ),
      ),
      fc
        .integer({ min: bodyLimitBytes + 1, max: bodyLimitBytes * 4 })
        .map((size) =>
          withBody(
            'oversized body',
            'application/json',
            JSON.stringify({ ...JSON.parse(validBody ?? '{}'), pad: 'x'.repeat(size) }),
          ),
        ),
    );
    // An empty body with a JSON type is refused where a body is required; where the operation
    // takes none or marks it optional, many fetch wrappers send exactly that and it means "no
    // body" (the route runs). On DELETE fastify reads no body when there is none.
    if (op.method !== 'DELETE' && op.bodyRequired)
      options.push(fc.constant(withBody('empty JSON body', 'application/json', '')));
  }
  return fc.oneof(...options);
}

/** Requests that hit no route: unknown paths, wrong methods on known paths, very long URLs. */
export function strayRequests(operations: Operation[]): fc.Arbitrary<HostileRequest> {
  const known = new Map<string, Set<string>>();
  for (const op of operations) known.set(op.path, (known.get(op.path) ?? new Set()).add(op.method));
  const wrongMethods = [...known].flatMap(([path, methods]) =>
    ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']
      .filter((m) => !methods.has(m))
      // Dynamic segments of /shared-carts/{slug} also match the catch-all route: leave them out.
      .map((method) => ({
        method,
        path: path.replace(/\{[^}]+\}/g, '3f1c2a9e-5b7d-4c1e-9a2b-000000000001'),
      })),
  );
  return fc.oneof(
    fc
      .tuple(
        fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
        fc.array(weirdText, { minLength: 1, maxLength: 4 }),
      )
      .map(([method, segments]) => ({
        kind: 'unknown route',
        method,
        path: `/api/v2/${segments.map(encodeSegment).join('/')}`,
        headers: {},
      })),
    fc
      .constantFrom(...wrongMethods)
      .map(({ method, path }) => ({ kind: 'wrong method', method, path, headers: {} })),
    fc.integer({ min: 2_000, max: 60_000 }).map((length) => ({
      kind: 'very long URL',
      method: 'GET',
      path: `/api/v1/products?search=${'s'.repeat(length)}`,
      headers: {},
    })),
    fc.integer({ min: 2_000, max: 60_000 }).map((length) => ({
      kind: 'very long path',
      method: 'GET',
      path: `/api/v1/${'p'.repeat(length)}`,
      headers: {},
    })),
  );
}
