import * as grpc from '@grpc/grpc-js';
import { loadAuthProto, type AuthServiceHandlers } from '@cartwright/protos';

/**
 * A customers.v1.AuthService in the test process, on a real loopback port, with answers
 * scripted by token:
 *   user.<uuid>   valid user          admin.<uuid>  valid admin
 *   refused       UNAUTHENTICATED     unavailable   UNAVAILABLE
 *   slow          answers after `slowMs` (past the client's deadline)
 *   internal      INTERNAL            anything else UNAUTHENTICATED
 * ValidateTokens answers each token the same way; `unavailable`, `internal` or `slow` anywhere
 * in a batch make the whole call fail or wait, as customers' database failing would.
 */
export interface FakeCustomers {
  port: number;
  target: string;
  /** Distinct client connections seen (peer address:port), since start. */
  peers: Set<string>;
  calls: number;
  /** ValidateTokens calls and the size of each, in arrival order. */
  batches: number[];
  /** `slow` calls whose answer is still being held back. */
  readonly slowPending: number;
  stop(): Promise<void>;
  /** Stops and starts again on the same port (a customers restart). */
  restart(): Promise<void>;
}

export const userToken = (userId: string) => `user.${userId}`;
export const adminToken = (userId: string) => `admin.${userId}`;
/** The email the fake answers for a user id. */
export const emailOf = (userId: string) => `${userId.slice(0, 8)}@example.test`;

export async function startFakeCustomers(
  options: { slowMs?: number; port?: number; credentials?: grpc.ServerCredentials } = {},
): Promise<FakeCustomers> {
  const proto = loadAuthProto();
  const slowMs = options.slowMs ?? 1500;
  const state = { calls: 0, peers: new Set<string>(), batches: [] as number[] };
  const pending = new Set<NodeJS.Timeout>();

  const handlers: AuthServiceHandlers = {
    ValidateToken(call, callback) {
      state.calls++;
      state.peers.add(call.getPeer());
      const token = call.request.token;
      const answer = (isAdmin: boolean, userId: string) =>
        callback(null, { user_id: userId, email: emailOf(userId), is_admin: isAdmin });
      const [kind, id] = token.split('.', 2);
      if (kind === 'user' && id) return answer(false, id);
      if (kind === 'admin' && id) return answer(true, id);
      if (token === 'unavailable')
        return callback({ code: grpc.status.UNAVAILABLE, details: 'database down' });
      if (token === 'internal') return callback({ code: grpc.status.INTERNAL, details: 'bug' });
      if (token === 'slow') {
        const timer = setTimeout(() => {
          pending.delete(timer);
          answer(false, '00000000-0000-4000-8000-000000000000');
        }, slowMs);
        pending.add(timer);
        return;
      }
      return callback({ code: grpc.status.UNAUTHENTICATED, details: 'invalid token' });
    },
    ValidateTokens(call, callback) {
      state.calls++;
      state.peers.add(call.getPeer());
      const tokens = call.request.tokens;
      state.batches.push(tokens.length);
      if (tokens.includes('unavailable'))
        return callback({ code: grpc.status.UNAVAILABLE, details: 'database down' });
      if (tokens.includes('internal')) return callback({ code: grpc.status.INTERNAL, details: 'bug' });
      const results = tokens.map((token) => {
        const [kind, id] = token.split('.', 2);
        if ((kind === 'user' || kind === 'admin') && id)
          return {
            valid: true,
            caller: { user_id: id, email: emailOf(id), is_admin: kind === 'admin' },
          };
        if (token === 'slow')
          return {
            valid: true,
            caller: { user_id: '00000000-0000-4000-8000-000000000000', email: 'slow@example.test' },
          };
        return { valid: false };
      });
      if (!tokens.includes('slow')) return callback(null, { results });
      const timer = setTimeout(() => {
        pending.delete(timer);
        callback(null, { results });
      }, slowMs);
      pending.add(timer);
    },
  };

  let server: grpc.Server;
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server = new grpc.Server();
      server.addService(proto.customers.v1.AuthService.service, handlers);
      const credentials = options.credentials ?? grpc.ServerCredentials.createInsecure();
      server.bindAsync(`127.0.0.1:${port}`, credentials, (error, bound) =>
        error ? reject(error) : resolve(bound),
      );
    });
  const stopServer = () => {
    for (const timer of pending) clearTimeout(timer);
    pending.clear();
    server.forceShutdown();
  };

  const port = await listen(options.port ?? 0);
  return {
    port,
    target: `dns:///127.0.0.1:${port}`,
    peers: state.peers,
    get calls() {
      return state.calls;
    },
    batches: state.batches,
    get slowPending() {
      return pending.size;
    },
    async stop() {
      stopServer();
    },
    async restart() {
      stopServer();
      await listen(port);
    },
  };
}
