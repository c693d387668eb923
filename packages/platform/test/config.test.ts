import { describe, expect, it } from '@jest/globals';
import { ConfigError, readEnv } from '../src/config.js';

describe('readEnv', () => {
  it('when variables are absent or blank, then the fallbacks apply', () => {
    const env = readEnv({ BLANK: '  ' });
    expect(env.string('BLANK', 'x')).toBe('x');
    expect(env.int('PORT', 8081)).toBe(8081);
    expect(env.bool('FLAG', true)).toBe(true);
    expect(env.list('ORIGINS', ['a'])).toEqual(['a']);
    expect(() => env.done()).not.toThrow();
  });

  it('when variables are well formed, then they are parsed to their types', () => {
    const env = readEnv({ PORT: '9000', FLAG: 'off', MODE: 'production', ORIGINS: 'http://a, http://b ,' });
    expect(env.int('PORT', 1, { min: 1, max: 65535 })).toBe(9000);
    expect(env.bool('FLAG', true)).toBe(false);
    expect(env.oneOf('MODE', ['development', 'production'] as const, 'development')).toBe('production');
    expect(env.list('ORIGINS', [])).toEqual(['http://a', 'http://b']);
  });

  it('when several variables are bad, then done() lists every one of them', () => {
    const env = readEnv({ PORT: '80x', POOL: '0', FLAG: 'maybe', MODE: 'prod' });
    env.int('PORT', 1);
    env.int('POOL', 10, { min: 1 });
    env.bool('FLAG', false);
    env.oneOf('MODE', ['development', 'production'], 'development');
    env.problem('JWT_PRIVATE_KEY is required in production');
    let error: unknown;
    try {
      env.done();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'PORT must be an integer, got "80x"',
      'POOL must be >= 1, got 0',
      'FLAG must be true or false, got "maybe"',
      'MODE must be one of development, production, got "prod"',
      'JWT_PRIVATE_KEY is required in production',
    ]);
    expect((error as Error).message).toContain('Invalid configuration:\n  - PORT must be an integer');
  });
});
