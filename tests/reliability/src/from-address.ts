import { request, type Agent } from 'node:http';

export interface AddressedAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON when the body is JSON, else undefined. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  ms: number;
}

/**
 * One request whose TCP connection starts from `localAddress`. Linux routes all of 127.0.0.0/8
 * to loopback, so each client of a storm can have an address of its own (the service sees it as
 * `request.ip`) without trusting any X-Forwarded-For header.
 */
export function requestFrom(
  localAddress: string,
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: unknown; agent?: Agent; timeoutMs?: number; headers?: Record<string, string> } = {},
): Promise<AddressedAnswer> {
  const started = performance.now();
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, baseUrl),
      {
        method,
        localAddress,
        ...(options.agent ? { agent: options.agent } : { agent: false }),
        headers: {
          ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
          ...options.headers,
        },
        timeout: options.timeoutMs ?? 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let body: unknown;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            body = undefined;
          }
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            ms: performance.now() - started,
          });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} from ${localAddress} timed out`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** The `n`th client address of a storm: 127.0.x.y, never 127.0.0.1 (the tests' own address). */
export const stormAddress = (n: number) => `127.${Math.floor(n / 250) + 10}.${n % 250}.${1 + (n % 7)}`;

/** The value of an unlabelled Prometheus counter or gauge in a /metrics text. */
export function metricValue(metricsText: string, name: string): number {
  const line = metricsText.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}
