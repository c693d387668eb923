import { prettyFactory } from 'pino-pretty';

interface LogEntry {
  level: number;
  msg?: string;
  reqId?: string;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  [field: string]: unknown;
}

/** Requests started but not yet finished that are remembered; past this the oldest is dropped. */
const rememberedRequests = 1000;

/**
 * Formats a service's log lines (pino JSON, the services' only format) for a person at a
 * terminal: time, level and message first, other fields on the same line, error stacks on
 * their own lines, and one line per HTTP request ("GET /api/v1/cart 200 4 ms") where fastify
 * writes two (its start is held until its end; JSON keeps both, a log collector wants them).
 * A line that is not pino JSON passes through unchanged; `undefined` means "nothing to print yet".
 */
export function createPrettyLog(options: { colors: boolean }): (line: string) => string | undefined {
  const pretty = prettyFactory({
    colorize: options.colors,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
    singleLine: true,
  });
  const started = new Map<string, string>();
  return (line) => {
    const entry = parse(line);
    if (!entry) return line;
    if (entry.msg === 'incoming request' && entry.reqId && entry.req) {
      started.set(entry.reqId, `${entry.req.method ?? '?'} ${entry.req.url ?? '?'}`);
      if (started.size > rememberedRequests) started.delete(started.keys().next().value as string);
      return undefined;
    }
    if ((entry.msg === 'request completed' || entry.msg === 'request errored') && entry.reqId) {
      const { req: _req, res, responseTime, reqId, ...rest } = entry;
      const request = started.get(reqId) ?? 'request';
      started.delete(reqId);
      const took = responseTime === undefined ? '' : ` ${Math.round(responseTime)} ms`;
      const failed = entry.msg === 'request errored';
      return pretty({
        ...rest,
        // The request id stays where something went wrong: it is the request_id of the answer.
        ...(failed ? { reqId } : {}),
        msg: `${request} ${res?.statusCode ?? '-'}${took}${failed ? ' (errored)' : ''}`,
      }).trimEnd();
    }
    return pretty(entry).trimEnd();
  };
}

function parse(line: string): LogEntry | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' && typeof (value as LogEntry).level === 'number'
      ? (value as LogEntry)
      : undefined;
  } catch {
    return undefined;
  }
}
