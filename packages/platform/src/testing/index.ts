export { createServiceDatabase, createTestDatabase, type TestDatabase } from './test-database.js';
export {
  snapshotSchema,
  diffSchemas,
  formatSchemaDiff,
  type SchemaSnapshot,
  type SchemaDiff,
} from './schema-snapshot.js';
export { runStairway, formatStairwayFailures, type StairwayFailure } from './stairway.js';
export { checkDrift, normalizeType } from './drift.js';
export { createSpanRecorder, type SpanRecorder, type ReadableSpan } from './span-recorder.js';
export { runEntryPointProcess, type ProcessOutcome } from './entry-point-process.js';
