import { describe, expect, it } from '@jest/globals';
import * as grpc from '@grpc/grpc-js';
import { maxValidateTokensBatch } from '@cartwright/protos';
import { authServiceOf } from '../support/auth-service-client.js';
import { appForThisFile, createAccount, deleteOwnAccount, logOutEverywhere } from '../support/test-app.js';

const app = appForThisFile({ healthIntervalMs: 100 });

describe('ValidateTokens (batch) over plaintext loopback', () => {
  const { validateMany } = authServiceOf(app);

  it('when valid and invalid tokens are mixed, then each gets its own answer in request order', async () => {
    const alice = await createAccount(app);
    const admin = await createAccount(app, { admin: true });
    const revoked = await createAccount(app);
    await logOutEverywhere(app, revoked);
    const deleted = await createAccount(app);
    await deleteOwnAccount(app, deleted);

    const { results } = await validateMany([
      alice.accessToken,
      'not-a-jwt',
      admin.accessToken,
      revoked.accessToken,
      deleted.accessToken,
      alice.accessToken,
    ]);

    expect(results.map((r) => r.valid)).toEqual([true, false, true, false, false, true]);
    expect(results[0]?.caller).toMatchObject({ user_id: alice.id, email: alice.email, is_admin: false });
    expect(results[2]?.caller).toMatchObject({ user_id: admin.id, is_admin: true });
    expect(results[5]?.caller).toMatchObject({ user_id: alice.id });
    expect(Number(results[0]?.caller?.expires_at?.seconds) * 1000).toBeGreaterThan(Date.now());
    // A refused token carries no user at all.
    expect(results[1]?.caller).toBeNull();
    expect(results[3]?.caller).toBeNull();
  });

  it('when an admin is demoted, then the next batch answers is_admin false for the same token', async () => {
    const admin = await createAccount(app, { admin: true });
    await createAccount(app, { admin: true }); // not the last admin
    expect((await validateMany([admin.accessToken])).results[0]?.caller?.is_admin).toBe(true);
    await app.db.withSession((s) => s.query('update users set is_admin = false where id = $1', [admin.id]));
    expect((await validateMany([admin.accessToken])).results[0]?.caller?.is_admin).toBe(false);
  });

  it('when the batch is empty, then the answer is an empty list', async () => {
    expect((await validateMany([])).results).toEqual([]);
  });

  it(`when the batch holds ${maxValidateTokensBatch} tokens, then all are answered; one more is INVALID_ARGUMENT`, async () => {
    const account = await createAccount(app);
    const full = Array.from({ length: maxValidateTokensBatch }, () => account.accessToken);
    const answered = await validateMany(full);
    expect(answered.results).toHaveLength(maxValidateTokensBatch);
    expect(answered.results.every((r) => r.valid)).toBe(true);

    const error = await validateMany([...full, account.accessToken]).then(
      () => undefined,
      (e: grpc.ServiceError) => e,
    );
    expect(error?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(error?.details).toMatch(/at most 256 tokens/);
  });
});
