/**
 * The login storm: argon2-bound logins while cart reads go on. Measures what a burst of logins
 * (CPU-heavy in customers, which also validates every cart request) does to the read's tail:
 * the read alone, then the read and the logins at once.
 */
import type { LoadSpec } from './load.js';
import { single, type LoadGenerator, type ScenarioResult } from './measure.js';
import { samplePeakRss } from './meters.js';
import { cartRead } from './scenarios.js';
import type { Workload } from './seed.js';

const loginConnections = 8;

export async function loginStorm(input: {
  customersUrl: string;
  cartUrl: string;
  workload: Workload;
  connections: number;
  durationSeconds: number;
  watched: { name: string; pid: number }[];
  generator: LoadGenerator;
}): Promise<ScenarioResult[]> {
  const { workload, connections, durationSeconds } = input;
  // Users no other scenario logged in as (readers and writers take the first 2 x connections).
  const loginUsers = workload.users.slice(connections * 2, connections * 2 + 200);
  const logins: LoadSpec = {
    url: input.customersUrl,
    connections: loginConnections,
    durationSeconds,
    perConnection: loginUsers.map((u) => [
      {
        method: 'POST',
        path: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: u.email, password: workload.password }),
      },
    ]),
  };
  const reads: LoadSpec = {
    url: input.cartUrl,
    connections: connections - loginConnections,
    durationSeconds,
    perConnection: workload.readers.map(cartRead),
  };

  const quiet = await input.generator.run(reads);
  const sampler = samplePeakRss(input.watched);
  const [storm, during] = await Promise.all([input.generator.run(logins), input.generator.run(reads)]);
  const peak = sampler.stop();
  return [
    single('login', `POST /api/v1/auth/login, ${loginConnections} connections, argon2id`, storm, peak),
    single('cart-grpc (quiet)', `cart read, ${reads.connections} connections, no logins`, quiet, {}),
    single(
      'cart-grpc (storm)',
      `cart read, ${reads.connections} connections, during the login storm`,
      during,
      peak,
    ),
  ];
}
