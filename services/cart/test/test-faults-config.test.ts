import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@cartwright/platform/config';
import { loadConfig } from '../src/config.js';

describe('test-only fault injection configuration', () => {
  it('when TEST_FAULT_FAIL_CHECKOUT_BEFORE_COMMIT is unset, then no fault is injected', () => {
    expect(loadConfig({}).testFaults).toEqual({
      failCheckoutBeforeCommit: false,
      crashUserEventBeforeCommit: false,
    });
    expect(
      loadConfig({ NODE_ENV: 'test', TEST_FAULT_FAIL_CHECKOUT_BEFORE_COMMIT: 'true' }).testFaults
        .failCheckoutBeforeCommit,
    ).toBe(true);
  });

  it('when it is enabled with NODE_ENV=production, then start-up fails naming it', () => {
    let error: unknown;
    try {
      loadConfig({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://cart@db/cart',
        METRICS_PORT: '9464',
        CUSTOMERS_GRPC_ALLOW_PLAINTEXT: 'true',
        TEST_FAULT_FAIL_CHECKOUT_BEFORE_COMMIT: 'true',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.join('\n')).toMatch(
      /TEST_FAULT_FAIL_CHECKOUT_BEFORE_COMMIT is a test-only fault and is refused when NODE_ENV=production/,
    );
  });

  it('when TEST_FAULT_CRASH_USER_EVENT_BEFORE_COMMIT is set, then only outside production', () => {
    expect(
      loadConfig({ NODE_ENV: 'test', TEST_FAULT_CRASH_USER_EVENT_BEFORE_COMMIT: 'true' }).testFaults
        .crashUserEventBeforeCommit,
    ).toBe(true);
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://cart@db/cart',
        TEST_FAULT_CRASH_USER_EVENT_BEFORE_COMMIT: 'true',
      }),
    ).toThrow(ConfigError);
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://cart@db/cart',
        TEST_FAULT_CRASH_USER_EVENT_BEFORE_COMMIT: 'true',
      }),
    ).toThrow(
      /TEST_FAULT_CRASH_USER_EVENT_BEFORE_COMMIT is a test-only fault and is refused when NODE_ENV=production/,
    );
  });
});
