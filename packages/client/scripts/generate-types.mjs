// Generates src/generated/<service>.ts from the committed OpenAPI documents (openapi/*.json)
// with openapi-typescript, or with --check fails when the committed types differ, so the client
// cannot drift from the documents (which `pnpm openapi:check` keeps in step with the code).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';

const check = process.argv.includes('--check');
let stale = 0;
for (const service of ['customers', 'cart']) {
  const document = new URL(`../../../openapi/${service}.json`, import.meta.url);
  const target = fileURLToPath(new URL(`../src/generated/${service}.ts`, import.meta.url));
  const ast = await openapiTS(JSON.parse(readFileSync(document, 'utf8')), {
    // Problem bodies may carry extension members beyond those documented per code.
    additionalProperties: false,
  });
  const header =
    `// Generated from openapi/${service}.json by \`pnpm openapi:export\` (openapi-typescript). ` +
    'Do not edit.\n\n';
  const text = await format(header + astToString(ast), {
    ...(await resolveConfig(target)),
    filepath: target,
  });
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // not generated yet
  }
  if (committed === text) {
    console.log(`packages/client/src/generated/${service}.ts is up to date`);
  } else if (check) {
    stale += 1;
    console.error(
      `packages/client/src/generated/${service}.ts is out of date: run pnpm openapi:export and commit it.`,
    );
  } else {
    writeFileSync(target, text);
    console.log(`wrote packages/client/src/generated/${service}.ts`);
  }
}
process.exit(stale > 0 ? 1 : 0);
