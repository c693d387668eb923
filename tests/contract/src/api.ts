import {
  createChecker,
  createCoverage,
  loadDocument,
  operationsOf,
  type Operation,
  type ServiceName,
} from './documents.js';

export interface CallOptions {
  path?: Record<string, string>;
  query?: Record<string, string | number>;
  /** A JSON body (serialized here, sent as application/json). */
  body?: unknown;
  /** A body sent as is, with `contentType` (malformed JSON, oversized, not JSON...). */
  raw?: string;
  contentType?: string;
  token?: string;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON, or undefined when the body is empty or not JSON. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** The problem `code` of an error answer. */
  code: string | undefined;
}

/**
 * Calls operations of both running services by operationId and checks every answer against the
 * committed documents as it arrives. A mismatch (undocumented status, wrong content type, body
 * not matching its schema, documented header missing) is kept in `mismatches`; each test ends
 * by expecting that list to be empty, and the coverage tells which documented answers were
 * never produced.
 */
export function createContractApi(baseUrls: () => Record<ServiceName, string>) {
  const documents = { customers: loadDocument('customers'), cart: loadDocument('cart') };
  const operations = [
    ...operationsOf('customers', documents.customers),
    ...operationsOf('cart', documents.cart),
  ];
  const checkers = {
    customers: createChecker('customers', documents.customers),
    cart: createChecker('cart', documents.cart),
  };
  const coverage = createCoverage(operations);
  const mismatches: string[] = [];
  let answersChecked = 0;

  const find = (service: ServiceName, operationId: string): Operation => {
    const operation = operations.find((o) => o.service === service && o.operationId === operationId);
    if (!operation) throw new Error(`${service} documents no operation ${operationId}`);
    return operation;
  };

  async function call(service: ServiceName, operationId: string, options: CallOptions = {}): Promise<Answer> {
    const operation = find(service, operationId);
    const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const value = options.path?.[name];
      if (value === undefined) throw new Error(`${operationId} needs path parameter ${name}`);
      return encodeURIComponent(value);
    });
    const query = new URLSearchParams(
      Object.entries(options.query ?? {}).map(([name, value]): [string, string] => [name, String(value)]),
    ).toString();
    const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const response = await fetch(`${baseUrls()[service]}${path}${query ? `?${query}` : ''}`, {
      method: operation.method,
      headers: {
        ...(body !== undefined || options.contentType
          ? { 'content-type': options.contentType ?? 'application/json' }
          : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      ...(body !== undefined ? { body } : {}),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    const answer: Answer = {
      status: response.status,
      headers: response.headers,
      text,
      body: parsed,
      code: response.status >= 400 ? (parsed as { code?: string } | undefined)?.code : undefined,
    };
    answersChecked += 1;
    mismatches.push(...checkers[service](operation, answer));
    coverage.record(operation, answer.status, answer.code);
    return answer;
  }

  return { call, operations, find, coverage, mismatches, answersChecked: () => answersChecked };
}

export type ContractApi = ReturnType<typeof createContractApi>;
