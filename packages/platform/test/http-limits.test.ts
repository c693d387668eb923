import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Type } from 'typebox';
import { createHttpServer, type HttpApp } from '../src/http/index.js';

/** A raw client: what the server wrote before it closed the connection, and whether it did. */
function rawClient(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (received += chunk));
  socket.on('error', () => {});
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(received)));
  const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, closed, connected, received: () => received };
}

describe('HTTP limits against a real socket', () => {
  let app: HttpApp;
  let port: number;

  beforeAll(async () => {
    app = createHttpServer({
      logger: false,
      errorTable: () => undefined,
      limits: {
        requestTimeoutMs: 600,
        headersTimeoutMs: 300,
        keepAliveTimeoutMs: 300,
        maxConnections: 3,
        rateLimitHoldMs: 0,
      },
    });
    app.post(
      '/echo',
      { schema: { body: Type.Object({ text: Type.String() }) } },
      async (request) => request.body,
    );
    app.get('/ping', async () => ({ ok: true }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as { port: number }).port;
  });

  afterAll(async () => {
    await app.close();
  });

  it('when a body trickles in slower than the request timeout allows, then 408 problem+json and the connection is closed', async () => {
    const client = rawClient(port);
    await client.connected;
    client.socket.write(
      'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"te',
    );
    // One more byte now and then, like the slow-body attacker; the server must cut it off.
    const trickle = setInterval(() => client.socket.writable && client.socket.write('x'), 100);
    try {
      const answer = await client.closed;
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(answer).toContain('application/problem+json');
      expect(answer).toContain('"code":"request_timeout"');
    } finally {
      clearInterval(trickle);
    }
  });

  it('when the headers never finish, then 408 and the connection is closed', async () => {
    const client = rawClient(port);
    await client.connected;
    client.socket.write('GET /ping HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    const answer = await client.closed;
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toContain('"code":"request_timeout"');
  });

  it('when a keep-alive connection stays idle past the keep-alive timeout, then the server closes it', async () => {
    const client = rawClient(port);
    await client.connected;
    client.socket.write('GET /ping HTTP/1.1\r\nHost: x\r\n\r\n');
    const answer = await client.closed;
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).toMatch(/keep-alive/i);
  });

  it('when more connections than the cap arrive, then the extra one is closed unanswered and the others are served', async () => {
    const held = [rawClient(port), rawClient(port), rawClient(port)];
    await Promise.all(held.map((c) => c.connected));
    // Each held connection has been accepted once it has been answered.
    for (const c of held) c.socket.write('GET /ping HTTP/1.1\r\nHost: x\r\n\r\n');
    await Promise.all(
      held.map(
        (c) =>
          new Promise<void>((resolve) => {
            const check = () =>
              c.received().includes('"ok":true') ? resolve() : c.socket.once('data', check);
            check();
          }),
      ),
    );
    const extra = rawClient(port);
    extra.socket.write('GET /ping HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(await extra.closed).toBe('');
    for (const c of held) c.socket.destroy();
  });
});

describe('client addresses behind proxies (TRUST_PROXY)', () => {
  const ipSeenBy = async (trustProxy: false | number | string[], forwardedFor: string) => {
    const app = createHttpServer({ logger: false, errorTable: () => undefined, trustProxy });
    app.get('/ip', async (request) => ({ ip: request.ip }));
    const answer = await app.inject({ url: '/ip', headers: { 'x-forwarded-for': forwardedFor } });
    await app.close();
    return (answer.json() as { ip: string }).ip;
  };

  it('when no proxy is trusted, then X-Forwarded-For is ignored', async () => {
    expect(await ipSeenBy(false, '203.0.113.9')).toBe('127.0.0.1');
  });

  it('when one hop is trusted, then the address the proxy appended counts, not one the client put first', async () => {
    expect(await ipSeenBy(1, '198.51.100.66, 203.0.113.9')).toBe('203.0.113.9');
  });

  it('when proxies are listed by CIDR, then only their hops are skipped', async () => {
    expect(await ipSeenBy(['127.0.0.0/8'], '198.51.100.66, 203.0.113.9')).toBe('203.0.113.9');
    expect(await ipSeenBy(['127.0.0.0/8', '203.0.113.0/24'], '198.51.100.66, 203.0.113.9')).toBe(
      '198.51.100.66',
    );
  });
});
