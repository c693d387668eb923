import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as grpc from '@grpc/grpc-js';
import type { UserEventsServiceClient } from '@cartwright/protos';
import { createTestPki, mutualTlsEnv, type TestPki } from './certificates.js';
import {
  appForThisFile,
  createAccount,
  deleteOwnAccount,
  startTestApp,
  type TestApp,
} from '../support/test-app.js';
import { findExistingUsers, subscribe, userEventsClient } from '../support/user-events-client.js';

const app = appForThisFile();

const typesOf = (events: { type: string; user_id: string }[], userId: string) =>
  events.filter((e) => e.user_id === userId).map((e) => e.type);

describe('UserEventsService over plaintext loopback', () => {
  let client: UserEventsServiceClient;
  beforeAll(async () => {
    client = userEventsClient(`127.0.0.1:${await app.grpcServer.listen('127.0.0.1', 0)}`);
  });
  afterAll(() => client.close());

  it('when a stream opens from the start, then it replays the backlog and then delivers new events as they commit, in id order', async () => {
    const early = await createAccount(app);
    const stream = subscribe(client);
    try {
      await stream.until(() => typesOf(stream.events(), early.id).length === 1);
      const late = await createAccount(app);
      await app.http.inject({
        method: 'PATCH',
        url: '/api/v1/users/me',
        headers: late.auth,
        payload: { first_name: 'Late' },
      });
      await deleteOwnAccount(app, late);
      await stream.until(() => typesOf(stream.events(), late.id).includes('user.deleted'));

      expect(typesOf(stream.events(), early.id)).toEqual(['user.registered']);
      expect(typesOf(stream.events(), late.id)).toEqual(['user.registered', 'user.updated', 'user.deleted']);
      const ids = stream.events().map((e) => BigInt(e.id));
      expect(ids.every((id, i) => i === 0 || id > (ids[i - 1] as bigint))).toBe(true);
      // Ids and types only: no email or name travels.
      expect(JSON.stringify(stream.received)).not.toContain(early.email);
    } finally {
      stream.cancel();
    }
  });

  it('when a stream resumes after a cursor, then only later events come', async () => {
    const first = await createAccount(app);
    const probe = subscribe(client);
    await probe.until(() => typesOf(probe.events(), first.id).length === 1);
    const cursor = probe.events().find((e) => e.user_id === first.id)?.id as string;
    probe.cancel();

    const second = await createAccount(app);
    const resumed = subscribe(client, { after: cursor });
    try {
      await resumed.until(() => typesOf(resumed.events(), second.id).length === 1);
      expect(resumed.events().every((e) => BigInt(e.id) > BigInt(cursor))).toBe(true);
      expect(typesOf(resumed.events(), first.id)).toEqual([]);
    } finally {
      resumed.cancel();
    }
  });

  it('when nothing happens, then heartbeats without id or user arrive at the period asked for', async () => {
    const stream = subscribe(client, { heartbeat_seconds: 1 });
    try {
      await stream.until((received) => received.filter((m) => m.type === 'heartbeat').length >= 2);
      const heartbeat = stream.received.find((m) => m.type === 'heartbeat');
      expect(heartbeat).toMatchObject({ id: '', user_id: '' });
    } finally {
      stream.cancel();
    }
  });

  it('when the cursor is older than the retention, then OUT_OF_RANGE; an unknown future cursor too; garbage is INVALID_ARGUMENT', async () => {
    const account = await createAccount(app);
    const probe = subscribe(client);
    await probe.until(() => typesOf(probe.events(), account.id).length === 1);
    const cursor = probe.events().find((e) => e.user_id === account.id)?.id as string;
    probe.cancel();
    // Everything pruned (a retention of minus one minute): the cursor is below the horizon.
    await app.useCases.pruneUserEvents(-60);

    expect((await subscribe(client, { after: String(BigInt(cursor) - 1n) }).ended).code).toBe(
      grpc.status.OUT_OF_RANGE,
    );
    expect((await subscribe(client, { after: '999999999999' }).ended).code).toBe(grpc.status.OUT_OF_RANGE);
    expect((await subscribe(client, { after: 'x; drop table users' }).ended).code).toBe(
      grpc.status.INVALID_ARGUMENT,
    );
  });

  it('when existing and erased user ids are asked about, then only the existing ones come back; bad ids are INVALID_ARGUMENT', async () => {
    const kept = await createAccount(app);
    const erased = await createAccount(app);
    await deleteOwnAccount(app, erased);
    expect(await findExistingUsers(client, [kept.id, erased.id, randomUUID()])).toEqual([kept.id]);
    await expect(findExistingUsers(client, ['not-a-uuid'])).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
    });
    await expect(
      findExistingUsers(
        client,
        Array.from({ length: 1001 }, () => randomUUID()),
      ),
    ).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
  });
});

describe('UserEventsService over mutual TLS', () => {
  let pki: TestPki;
  let tlsApp: TestApp;
  let address: string;
  beforeAll(async () => {
    pki = createTestPki();
    tlsApp = await startTestApp({ env: mutualTlsEnv(pki) });
    address = `127.0.0.1:${await tlsApp.grpcServer.listen('127.0.0.1', 0)}`;
  });
  afterAll(async () => {
    await tlsApp.stop();
    pki.remove();
  });

  it('when the client presents a trusted certificate, then it streams; without one, the stream is refused', async () => {
    const account = await createAccount(tlsApp);
    const trusted = userEventsClient(
      address,
      grpc.credentials.createSsl(pki.read('caCert'), pki.read('clientKey'), pki.read('clientCert')),
    );
    const anonymous = userEventsClient(address, grpc.credentials.createSsl(pki.read('caCert')));
    try {
      const stream = subscribe(trusted);
      await stream.until(() => typesOf(stream.events(), account.id).length === 1);
      stream.cancel();
      expect((await subscribe(anonymous).ended).code).toBe(grpc.status.UNAVAILABLE);
    } finally {
      trusted.close();
      anonymous.close();
    }
  });
});
