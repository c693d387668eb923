import { pino, stdSerializers, type Logger } from 'pino';

/**
 * pino's error serializer, minus SQL parameters. drizzle's DrizzleQueryError puts every bound
 * value in its message ("Failed query: … params: a,b,c") and in `params`: for an insert into
 * users that is the password hash, for refresh tokens their hash. A failed query is still logged
 * with its SQL text, never with its values.
 */
export function serializeErrorWithoutQueryParams(error: Error): SerializedError {
  return scrub(stdSerializers.err(error) as unknown as Record<string, unknown>, 0) as SerializedError;
}

interface SerializedError {
  type: string;
  message: string;
  stack: string;
  [key: string]: unknown;
}

function scrub(value: Record<string, unknown>, depth: number): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (key === 'params' || key === 'parameters') {
      copy[key] = '[redacted]';
    } else if (typeof field === 'string' && (key === 'message' || key === 'stack')) {
      copy[key] = field.replace(/^params: .*$/gm, 'params: [redacted]');
    } else if (field && typeof field === 'object' && !Array.isArray(field) && depth < 5) {
      copy[key] = scrub(field as Record<string, unknown>, depth + 1);
    } else {
      copy[key] = field;
    }
  }
  return copy;
}

/** Secrets that must never reach a log line, wherever pino finds them. */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'password',
  '*.password',
  '*.password_hash',
  '*.passwordHash',
  '*.current_password',
  '*.new_password',
  '*.access_token',
  '*.refresh_token',
  '*.token',
];

/** pino options every service logger uses: redaction of secrets, SQL values kept out of errors. */
export function loggerOptions(level: string): pino.LoggerOptions {
  return {
    level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    serializers: { err: serializeErrorWithoutQueryParams },
  };
}

export function createLogger(level: string): Logger {
  return pino(loggerOptions(level));
}
