import { describe, expect, it } from '@jest/globals';
import { createPrettyLog } from '../src/index.js';

const time = Date.UTC(2030, 0, 1, 12, 0, 0);
const line = (fields: Record<string, unknown>) =>
  JSON.stringify({ level: 30, time, pid: 42, hostname: 'box', ...fields });

describe('pretty log', () => {
  it("when fastify logs a request's start and end, then one line says method, URL, status and time", () => {
    const format = createPrettyLog({ colors: false });

    const start = format(
      line({ reqId: 'r-1', req: { method: 'GET', url: '/api/v1/cart', host: 'x' }, msg: 'incoming request' }),
    );
    const end = format(
      line({ reqId: 'r-1', res: { statusCode: 200 }, responseTime: 4.4, msg: 'request completed' }),
    );

    expect(start).toBeUndefined();
    expect(end).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: GET \/api\/v1\/cart 200 4 ms$/);
  });

  it('when two requests overlap, then each end is matched with its own start', () => {
    const format = createPrettyLog({ colors: false });
    format(line({ reqId: 'a', req: { method: 'GET', url: '/a' }, msg: 'incoming request' }));
    format(line({ reqId: 'b', req: { method: 'POST', url: '/b' }, msg: 'incoming request' }));

    expect(format(line({ reqId: 'b', res: { statusCode: 201 }, msg: 'request completed' }))).toContain(
      'POST /b 201',
    );
    expect(format(line({ reqId: 'a', res: { statusCode: 404 }, msg: 'request completed' }))).toContain(
      'GET /a 404',
    );
  });

  it('when a request errored, then its line keeps the request id and the error stack follows', () => {
    const format = createPrettyLog({ colors: false });
    format(line({ reqId: 'r-9', req: { method: 'POST', url: '/x' }, msg: 'incoming request' }));

    const out = format(
      line({
        level: 50,
        reqId: 'r-9',
        res: { statusCode: 500 },
        responseTime: 1,
        err: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at handler (x.ts:1:1)' },
        msg: 'request errored',
      }),
    );

    expect(out?.split('\n')[0]).toMatch(/ERROR: POST \/x 500 1 ms \(errored\) \{"reqId":"r-9"\}$/);
    expect(out).toContain('at handler (x.ts:1:1)');
  });

  it('when a line is another log event, then level, message and fields are on one line, without pid and host', () => {
    const format = createPrettyLog({ colors: false });

    const out = format(line({ level: 40, msg: 'customers unreachable', component: 'customers-client' }));

    expect(out).toMatch(/WARN: customers unreachable \{"component":"customers-client"\}$/);
    expect(out).not.toContain('"pid"');
    expect(out).not.toContain('box');
  });

  it('when a line is not pino JSON, then it passes through unchanged', () => {
    const format = createPrettyLog({ colors: false });

    expect(format('Error: Cannot find module x')).toBe('Error: Cannot find module x');
    expect(format('{"not":"a log line"}')).toBe('{"not":"a log line"}');
    expect(format('{broken json')).toBe('{broken json');
  });
});
