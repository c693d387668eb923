import { Agent, request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from '@jest/globals';
import { beginDraining, createHttpServer, registerHealthRoutes } from '../src/http/index.js';
import { exitOnSignals } from '../src/lifecycle.js';

interface Reply {
  status: number;
  connection: string | undefined;
}

function get(port: number, path: string, agent: Agent | false): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('draining before close', () => {
  it('when draining begins under 32 keep-alive clients, then readiness fails first, every request is answered, clients leave on Connection: close, in-flight work finishes, and nobody sees a reset', async () => {
    const app = createHttpServer({ logger: false, errorTable: () => undefined });
    registerHealthRoutes(app, { required: {} });
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    app.get('/ping', async () => ({ ok: true }));
    app.get('/slow', async () => {
      await released;
      return { done: true };
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as { port: number }).port;

    const clients = 32;
    const errors: string[] = [];
    let answered = 0;
    let answeredAfterDrain = 0;
    let left = 0;
    let draining = false;
    const agents: Agent[] = [];
    const loops = Array.from({ length: clients }, async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      agents.push(agent);
      for (;;) {
        try {
          const reply = await get(port, '/ping', agent);
          answered++;
          if (draining) answeredAfterDrain++;
          expect(reply.status).toBe(200);
          // What a load balancer does: a connection the server asked to close is not reused.
          if (reply.connection === 'close') {
            left++;
            return;
          }
        } catch (error) {
          errors.push((error as Error).message);
          return;
        }
      }
    });
    const inFlight = get(port, '/slow', false);

    await waitUntil(() => answered >= clients * 3);
    expect((await get(port, '/readyz', false)).status).toBe(200);
    beginDraining(app);
    draining = true;
    // Readiness fails at once, while the listener still serves.
    const readiness = await get(port, '/readyz', false);
    expect(readiness.status).toBe(503);
    await Promise.all(loops);
    expect({ errors, left }).toEqual({ errors: [], left: clients });
    expect(answeredAfterDrain).toBeGreaterThanOrEqual(clients);

    const closed = app.close();
    release();
    expect(await inFlight).toEqual({ status: 200, connection: 'close' });
    await closed;
    for (const agent of agents) agent.destroy();
  });
});

describe('exitOnSignals', () => {
  const added: NodeJS.SignalsListener[] = [];
  afterEach(() => {
    for (const listener of added.splice(0)) {
      process.removeListener('SIGTERM', listener);
      process.removeListener('SIGINT', listener);
    }
  });

  it('when SIGTERM arrives, then draining begins before anything is stopped, and the process exits 0 once stopped', async () => {
    const steps: string[] = [];
    const before = process.listeners('SIGTERM');
    let exited: (code: number) => void = () => {};
    const exitCode = new Promise<number>((resolve) => (exited = resolve));
    exitOnSignals({
      drain: { begin: () => steps.push('drain'), delayMs: 20 },
      stop: async () => {
        steps.push('stop');
      },
      log: { info: () => {}, error: () => {} },
      exit: (code) => {
        steps.push(`exit ${code}`);
        exited(code);
      },
    });
    added.push(...process.listeners('SIGTERM').filter((l) => !before.includes(l)));
    process.emit('SIGTERM', 'SIGTERM');
    expect(steps).toEqual(['drain']);
    expect(await exitCode).toBe(0);
    expect(steps).toEqual(['drain', 'stop', 'exit 0']);
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
