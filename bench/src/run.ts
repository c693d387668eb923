/**
 * pnpm bench: customers, two carts (gRPC and HTTP/1.1 validation) and a bare fastify baseline as
 * separate processes on fresh PostgreSQL databases, loaded by autocannon from another process.
 * Every figure of one run is measured on the same machine state, so the ratios are what counts.
 * See docs/performance.md.
 *
 * processes.ts says what runs, seed.ts what they hold, scenarios.ts what is measured and the
 * targets, measure.ts how, report.ts what is printed and kept.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBenchDatabases } from './databases.js';
import { loginStorm } from './login-storm.js';
import { createLoadGenerator, measureInterleaved, type PlannedLoad, type ScenarioResult } from './measure.js';
import { readOptions, runs } from './options.js';
import { preparePgbenchAnchor } from './pgbench-anchor.js';
import { startOtlpSink } from './otlp-sink.js';
import { startProcesses, type BenchProcess } from './processes.js';
import { printHeader, printRow, printSummary, readBatching, summarize, writeResults } from './report.js';
import { atRate, comparisons, openLoop, pgbenchAnchor, scenarios } from './scenarios.js';
import { seed } from './seed.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

async function main() {
  const options = readOptions(process.argv.slice(2), process.env);
  const started = Date.now();
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const databases = await createBenchDatabases(options.adminUrl, stamp);
  const generator = createLoadGenerator();
  const sink = options.telemetry ? await startOtlpSink() : undefined;
  const running: BenchProcess[] = [];
  try {
    const { privateKey } = generateKeyPairSync('ed25519');
    const processes = await startProcesses(
      {
        options,
        databaseUrls: databases.urls,
        signingKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
        introspectionSecret: 'bench-introspection-secret',
        dataDir: mkdtempSync(join(tmpdir(), 'bench-')),
        otlpSinkUrl: () => sink?.url ?? '',
      },
      running,
    );
    const urlOf = (name: string) => {
      const found = processes.get(name);
      if (!found) throw new Error(`no process named ${name} in this run`);
      return found.url;
    };

    const workload = await seed({
      customersUrl: urlOf('customers'),
      customersDb: databases.customers,
      cartDb: databases.cart,
      users: options.users,
      connections: options.connections,
    });

    const watched = running.filter((p) => p.sampled);
    const loads: PlannedLoad[] = scenarios
      .filter((s) => runs(options, s.name, s.group))
      .map(({ name, what, server, requests, beforeRound, expectedStatus }) => ({
        name,
        what,
        spec: {
          url: urlOf(server),
          connections: options.connections,
          perConnection: requests(workload),
          ...(expectedStatus === undefined ? {} : { expectedStatus }),
        },
        beforeRound: beforeRound && (() => beforeRound(workload)),
      }));
    if (runs(options, pgbenchAnchor.name)) {
      const anchor = await preparePgbenchAnchor({
        cartDb: databases.cart,
        cartUrl: databases.urls.cart,
        connections: options.connections,
      });
      // Right after add-item, so that the two share the same minute of a busy machine.
      const at = loads.findIndex((load) => load.name === 'add-item') + 1 || loads.length;
      loads.splice(at, 0, { ...pgbenchAnchor, round: anchor.round, beforeRound: anchor.reset });
    }
    printHeader(options);
    const results: ScenarioResult[] = await measureInterleaved(loads, watched, options, generator);
    results.forEach(printRow);

    const capacity = results.find((r) => r.name === openLoop.capacityOf)?.median.rps;
    if (capacity && runs(options, openLoop.name)) {
      console.log(
        `\nopen loop: fixed arrival rates, fractions of ${openLoop.capacityOf}'s ${Math.round(capacity)} req/s`,
      );
      const fixedRate = openLoop.fractions.flatMap((fraction) =>
        loads
          .filter((load) => openLoop.scenarios.includes(load.name))
          .flatMap((load) =>
            'spec' in load
              ? [
                  {
                    ...load,
                    name: atRate(load.name, fraction),
                    spec: { ...load.spec, overallRate: Math.round(capacity * fraction) },
                  },
                ]
              : [],
          ),
      );
      const open = await measureInterleaved(fixedRate, watched, options, generator);
      open.forEach(printRow);
      results.push(...open);
    }

    const batching = await readBatching(urlOf('cart'));
    if (batching) {
      console.log(
        `\ncart ValidateTokens calls: ${batching.calls}, mean tokens per call ${batching.meanTokensPerCall}`,
      );
    }

    if (runs(options, 'login')) {
      const storm = await loginStorm({
        customersUrl: urlOf('customers'),
        cartUrl: urlOf('cart'),
        workload,
        connections: options.connections,
        durationSeconds: options.durationSeconds,
        watched,
        generator,
      });
      storm.forEach(printRow);
      results.push(...storm);
    }

    const summary = summarize(results, scenarios, comparisons, options);
    if (sink) console.log(`\nOTLP exports received from the traced pair: ${sink.exports()}`);
    printSummary(summary, comparisons);
    const file = writeResults(root, stamp, { options, results, ...summary, batching });
    console.log(`\nwrote ${file} (${Math.round((Date.now() - started) / 1000)} s)`);
  } catch (error) {
    for (const p of running) {
      if (p.launched.child.exitCode !== null)
        console.error(`--- ${p.name} output ---\n${p.launched.output()}`);
    }
    throw error;
  } finally {
    await Promise.all(running.map((p) => p.launched.stop()));
    sink?.close();
    generator.close();
    await databases.drop();
  }
}

await main();
