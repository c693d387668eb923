import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import type { Telemetry } from '@cartwright/platform/telemetry';
import { Agent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { CustomersHttpConfig } from '../../config.js';
import type { Caller } from '../../domain/caller.js';
import { AuthServiceUnavailable } from '../../domain/errors.js';
import type { Authenticator } from '../../ports.js';

interface Log {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface IntrospectionClient {
  authenticator: Authenticator;
  /** Resolves when customers' /readyz answers 200 within the timeout; for /readyz only. */
  checkReachable(): Promise<void>;
  close(): void;
}

interface IntrospectionAnswer {
  active?: unknown;
  sub?: unknown;
  email?: unknown;
  is_admin?: unknown;
}

/**
 * The alternative to the gRPC channel: validation over HTTP/1.1 keep-alive against customers'
 * RFC 7662 endpoint (POST /api/v1/auth/introspect), one request per validation on a pool of
 * persistent sockets. `active: false` is a refusal; anything that is not an answer (timeout,
 * connection error, 5xx, 401 for a wrong client secret, 429) is a 503 for the caller.
 */
export function createIntrospectionClient(
  config: CustomersHttpConfig,
  log: Log,
  telemetry: Telemetry,
): IntrospectionClient {
  const tracing = telemetry.tracing;
  const url = new URL('/api/v1/auth/introspect', config.baseUrl);
  const secure = url.protocol === 'https:';
  const agentOptions = { keepAlive: true, maxSockets: config.maxSockets, maxFreeSockets: config.maxSockets };
  const agent = secure ? new HttpsAgent(agentOptions) : new Agent(agentOptions);
  const send = secure ? httpsRequest : httpRequest;
  const authorization = `Bearer ${config.clientSecret}`;

  const post = (
    path: string,
    body: string | undefined,
    traceHeaders: Record<string, string> = {},
  ): Promise<{ status: number; text: string }> =>
    new Promise((resolve, reject) => {
      const req = send(
        new URL(path, config.baseUrl),
        {
          method: body === undefined ? 'GET' : 'POST',
          agent,
          timeout: config.timeoutMs,
          headers:
            body === undefined
              ? {}
              : {
                  ...traceHeaders,
                  authorization,
                  'content-type': 'application/json',
                  'content-length': Buffer.byteLength(body),
                },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          res.on('error', reject);
        },
      );
      // A per-request deadline, like the gRPC path: no request waits for a stuck customers.
      const deadline = setTimeout(() => req.destroy(new Error('timeout')), config.timeoutMs);
      req.on('close', () => clearTimeout(deadline));
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      req.end(body);
    });

  /** A client span whose `traceparent` goes along, so customers' request joins the trace. */
  const traced = async (token: string) => {
    const parent = tracing ? context.active() : undefined;
    if (!tracing || !parent || !trace.getSpan(parent)) return post(url.pathname, JSON.stringify({ token }));
    const span = tracing.tracer.startSpan(
      `POST ${url.pathname}`,
      { kind: SpanKind.CLIENT, attributes: { 'http.request.method': 'POST', 'url.full': url.href } },
      parent,
    );
    const headers: Record<string, string> = {};
    tracing.inject(trace.setSpan(parent, span), headers);
    try {
      const answer = await post(url.pathname, JSON.stringify({ token }), headers);
      span.setAttribute('http.response.status_code', answer.status);
      if (answer.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      return answer;
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  };

  const validate = async (token: string): Promise<Caller | null> => {
    let answer: { status: number; text: string };
    try {
      answer = await traced(token);
    } catch (error) {
      log.warn({ target: config.baseUrl, err: error }, 'customers introspection unreachable');
      throw new AuthServiceUnavailable((error as Error).message);
    }
    if (answer.status !== 200) {
      const details = { target: config.baseUrl, status: answer.status };
      // 401 means our client secret is wrong: a configuration bug, loud.
      if (answer.status === 401) log.error(details, 'customers refused the introspection client secret');
      else log.warn(details, 'customers introspection failed');
      throw new AuthServiceUnavailable(`introspection answered ${answer.status}`);
    }
    let body: IntrospectionAnswer;
    try {
      body = JSON.parse(answer.text) as IntrospectionAnswer;
    } catch {
      throw new AuthServiceUnavailable('malformed answer');
    }
    if (body.active !== true) return null;
    if (
      typeof body.sub !== 'string' ||
      typeof body.email !== 'string' ||
      typeof body.is_admin !== 'boolean'
    ) {
      log.error({ target: config.baseUrl }, 'customers introspection answered active without a user');
      throw new AuthServiceUnavailable('malformed answer');
    }
    return { userId: body.sub, email: body.email, isAdmin: body.is_admin };
  };

  return {
    authenticator: { validate },
    async checkReachable() {
      const answer = await post('/readyz', undefined);
      if (answer.status !== 200) throw new Error(`customers /readyz answered ${answer.status}`);
    },
    close: () => agent.destroy(),
  };
}
