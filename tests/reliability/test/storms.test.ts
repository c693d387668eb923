import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { recordFigures } from '../src/figures.js';
import { metricValue, requestFrom, stormAddress, type AddressedAnswer } from '../src/from-address.js';
import { call, demoPassword, logIn, startStack, waitFor, type Stack } from '../src/stack.js';

// The issue's storm: 200 parallel requests, each from an address of its own, so no per-address
// limit can help and only the bounded argon2 queue stands between the storm and a real user.
const stormSize = 200;
// Production argon2 cost and queue defaults, spelled out: the bound the test checks is theirs.
const maxConcurrent = 1;
const maxQueued = 8;
// cart's default deadline for each ValidateTokens call: what the flood must not make it miss.
const validationDeadlineMs = 300;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? 0;

describe('storms against real processes', () => {
  let stack: Stack;
  let admin: string;
  let quietLoginMs: number;

  beforeAll(async () => {
    stack = await startStack({
      customersEnv: {
        ARGON2_MEMORY_KIB: '19456',
        ARGON2_ITERATIONS: '2',
        ARGON2_MAX_CONCURRENT: String(maxConcurrent),
        ARGON2_MAX_QUEUE: String(maxQueued),
        LOGIN_RATE_LIMIT_PER_MINUTE: '30',
        LOGIN_RATE_LIMIT_PER_EMAIL_PER_MINUTE: '10',
        REGISTER_RATE_LIMIT_PER_MINUTE: '10',
        REGISTER_RATE_LIMIT_PER_EMAIL_PER_MINUTE: '3',
        // Request lines logged as in production: a flood of 429s costs what it costs there.
        LOG_LEVEL: 'info',
      },
      cartEnv: { CUSTOMERS_GRPC_DEADLINE_MS: String(validationDeadlineMs) },
    });
    admin = (await logIn(stack, 'admin1@example.com')).accessToken;
    // What one login costs on this machine right now (argon2 at production cost + the round
    // trip), measured in the same run: the bound below is in these units, not in wall time.
    const quiet: number[] = [];
    for (let i = 0; i < 5; i++) {
      const answer = await requestFrom(
        stormAddress(1000 + i),
        stack.customers.baseUrl,
        'POST',
        '/api/v1/auth/login',
        {
          body: { email: 'user2@example.com', password: demoPassword },
        },
      );
      expect(answer.status).toBe(200);
      quiet.push(answer.ms);
    }
    quietLoginMs = median(quiet);
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  const hashesSubmitted = async () =>
    metricValue((await call(stack.customers, 'GET', '/metrics')).text, 'customers_argon2_submitted_total');

  /**
   * Fires `stormSize` requests at once from as many addresses, waits until customers has taken
   * every one of them to its argon2 queue (its own counter says so: a condition, not a delay),
   * then logs a real user in from yet another address, and lets the storm finish.
   */
  async function loginDuringStorm(label: string, stormRequest: (n: number) => Promise<AddressedAnswer>) {
    const before = await hashesSubmitted();
    const storm = Array.from({ length: stormSize }, (_, n) => stormRequest(n));
    await waitFor(async () => (await hashesSubmitted()) >= before + stormSize, 60_000, 20);
    const login = await requestFrom(
      stormAddress(2000),
      stack.customers.baseUrl,
      'POST',
      '/api/v1/auth/login',
      {
        body: { email: 'user1@example.com', password: demoPassword },
      },
    );
    const answers = await Promise.all(storm);
    const shed = answers.filter((a) => a.status === 503);
    // A login waits behind at most the queue and the tasks running, plus its own hash.
    const bound = (maxQueued + maxConcurrent + 1) * quietLoginMs;
    recordFigures(`storm: ${label}`, {
      storm_requests: stormSize,
      shed_503: shed.length,
      quiet_login_ms: Math.round(quietLoginMs),
      login_during_storm_ms: Math.round(login.ms),
      login_bound_ms: Math.round(bound),
      slowest_storm_answer_ms: Math.round(Math.max(...answers.map((a) => a.ms))),
    });
    return { login, answers, shed, bound };
  }

  it('when 200 registrations from 200 addresses arrive at once, then the overflow is shed with 503 + Retry-After, nothing half-written, and a real login is served within its queue bound (under 2 s at the default cost)', async () => {
    const prefix = `storm-${Date.now().toString(36)}`;
    const { login, answers, shed, bound } = await loginDuringStorm('registrations', (n) =>
      requestFrom(stormAddress(n), stack.customers.baseUrl, 'POST', '/api/v1/users', {
        body: { email: `${prefix}-${n}@example.com`, password: 'a storm of passwords' },
      }),
    );
    expect(login.status).toBe(200);
    expect(login.ms).toBeLessThanOrEqual(bound * 1.5);
    expect(answers.every((a) => a.status === 201 || a.status === 503)).toBe(true);
    expect(shed.length).toBeGreaterThan(0);
    for (const answer of shed) {
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(answer.body).toMatchObject({ status: 503, code: 'password_checks_busy' });
      expect(Number(answer.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    // Exactly the answered registrations exist: a shed one wrote nothing.
    let created = 0;
    let cursor: string | undefined;
    do {
      const page = await call(
        stack.customers,
        'GET',
        `/api/v1/users?limit=100&search=${prefix}${cursor ? `&cursor=${cursor}` : ''}`,
        { token: admin },
      );
      expect(page.status).toBe(200);
      created += (page.body.items as unknown[]).length;
      cursor = page.body.next_cursor ?? undefined;
    } while (cursor);
    expect(created).toBe(answers.filter((a) => a.status === 201).length);
  }, 180_000);

  it('when 200 wrong logins from 200 addresses arrive at once, then the overflow is shed with 503 + Retry-After and a real login is served within its queue bound', async () => {
    const { login, answers, shed, bound } = await loginDuringStorm('logins', (n) =>
      requestFrom(stormAddress(n), stack.customers.baseUrl, 'POST', '/api/v1/auth/login', {
        body: { email: `nobody-${n}@example.com`, password: 'a wrong guess' },
      }),
    );
    expect(login.status).toBe(200);
    expect(login.ms).toBeLessThanOrEqual(bound * 1.5);
    expect(answers.every((a) => a.status === 401 || a.status === 503)).toBe(true);
    expect(shed.length).toBeGreaterThan(0);
    for (const answer of shed) expect(answer.body).toMatchObject({ code: 'password_checks_busy' });
  }, 180_000);

  // The issue's flood: one address, 200 keep-alive connections, each sending the next wrong
  // login as soon as the last is answered, for 10 s. Every cart read meanwhile validates its
  // token over gRPC with the default 300 ms deadline, and must answer 200 as it does when quiet
  // (the quiet reads below are held to the same bar). Persistent offenders' 429s are held back
  // (RATE_LIMIT_HOLD_MS, 1 s by default), which bounds the flood by its connection count.
  it('when one address floods the login route with 200 parallel connections for 10 s, then the flood gets refusals and every cart read validates within its deadline (200)', async () => {
    const shopper = await logIn(stack, 'user2@example.com');
    const read = () => call(stack.cart, 'GET', '/api/v1/cart', { token: shopper.accessToken });
    const reads = 62;
    // The flood lasts about this long at one 429 per connection per second (the default hold).
    const floodMs = 10_000;
    const quiet: number[] = [];
    for (let i = 0; i < reads; i++) {
      const answer = await read();
      expect(answer.status).toBe(200);
      quiet.push(answer.ms);
    }

    const flooder = stormAddress(3000);
    const agent = new Agent({ keepAlive: true, maxSockets: stormSize });
    const floodAnswers = new Map<string, number>();
    const floodStatus = (n: number) =>
      [...floodAnswers].filter(([key]) => key.startsWith(`${n} `)).reduce((sum, [, count]) => sum + count, 0);
    let flooding = true;
    const flood = Array.from({ length: stormSize }, async () => {
      while (flooding) {
        const answer = await requestFrom(flooder, stack.customers.baseUrl, 'POST', '/api/v1/auth/login', {
          body: { email: 'user1@example.com', password: 'not the password' },
          agent,
        }).catch(() => ({ status: 0, body: undefined }));
        const key = `${answer.status} ${answer.body?.code ?? ''}`;
        floodAnswers.set(key, (floodAnswers.get(key) ?? 0) + 1);
      }
    });
    // The reads start once the flood has turned into 429s (the address spent its budget).
    await waitFor(async () => floodStatus(429) >= 500, 60_000, 20);
    const started = performance.now();
    const rejectedAtStart = floodStatus(429);
    const during: { status: number; ms: number; code?: string }[] = [];
    // As many reads as when quiet, held to the same bar, spread over the flood by its own
    // progress (one read per `pace` further 429s): a condition, not a timer. At the unheld rate
    // the reads come back to back, as the issue measured them.
    const pace = Math.ceil((stormSize * floodMs) / 1000 / reads);
    for (let i = 0; i < reads; i++) {
      await waitFor(async () => floodStatus(429) >= rejectedAtStart + i * pace, 60_000, 5);
      const answer = await read();
      during.push({ status: answer.status, ms: answer.ms, code: answer.body?.code });
    }
    const floodSeconds = (performance.now() - started) / 1000;
    const rejectedDuringReads = floodStatus(429) - rejectedAtStart;
    flooding = false;
    await Promise.all(flood);
    agent.destroy();

    const duringMs = during.map((d) => d.ms);
    recordFigures('flood: token validation during 429 flood', {
      flood_connections: stormSize,
      flood_seconds: Math.round(floodSeconds * 10) / 10,
      flood_429s_during_reads: rejectedDuringReads,
      flood_429_per_second: Math.round(rejectedDuringReads / floodSeconds),
      flood_answers: JSON.stringify(Object.fromEntries(floodAnswers)),
      cart_reads: during.length,
      cart_reads_503: during.filter((d) => d.status === 503).length,
      quiet_read_p50_ms: Math.round(median(quiet)),
      quiet_read_p99_ms: Math.round(percentile(quiet, 99)),
      flood_read_p50_ms: Math.round(median(duringMs)),
      flood_read_p99_ms: Math.round(percentile(duringMs, 99)),
      flood_read_max_ms: Math.round(Math.max(...duringMs)),
    });
    // The flood is refused: 429 once its budgets are spent, 401 for the few wrong passwords
    // checked before, and 503 password_checks_busy when those few overflow the argon2 queue of
    // this test's one-hash-at-a-time customers (a shed attempt is given back to the per-email
    // budget, so how many are shed depends on timing).
    expect(
      [...floodAnswers.keys()].filter(
        (key) => !key.startsWith('401 ') && key !== '429 rate_limited' && key !== '503 password_checks_busy',
      ),
    ).toEqual([]);
    expect(during.filter((d) => d.status !== 200)).toEqual([]);
  }, 180_000);
});
