import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@cartwright/platform/config';
import { loadConfig } from '../src/config.js';

describe('shared cart configuration', () => {
  it('when SHARED_CART_RATE_LIMIT_PER_MINUTE is unset, then 60 public reads per address per minute', () => {
    expect(loadConfig({}).sharedCartRateLimitPerMinute).toBe(60);
    expect(loadConfig({ SHARED_CART_RATE_LIMIT_PER_MINUTE: '5' }).sharedCartRateLimitPerMinute).toBe(5);
  });

  it.each(['0', '-1', 'many', '1.5'])(
    'when SHARED_CART_RATE_LIMIT_PER_MINUTE is %s, then start-up fails naming it',
    (value) => {
      let error: unknown;
      try {
        loadConfig({ SHARED_CART_RATE_LIMIT_PER_MINUTE: value });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.join('\n')).toMatch(/SHARED_CART_RATE_LIMIT_PER_MINUTE/);
    },
  );

  it('when PUBLIC_BASE_URL ends with slashes, then share links are built without a double slash', () => {
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://shop.example.com//' }).publicBaseUrl).toBe(
      'https://shop.example.com',
    );
  });
});
