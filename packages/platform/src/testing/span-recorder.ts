import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';

export interface SpanRecorder {
  /** Give this to a service's composition root (`spanProcessors`): tracing is on with it. */
  readonly processor: SpanProcessor;
  /** Spans ended so far, in the order they ended. */
  spans(): ReadableSpan[];
  reset(): void;
}

/** Every span a service ends, kept in memory and exported synchronously, for assertions. */
export function createSpanRecorder(): SpanRecorder {
  const exporter = new InMemorySpanExporter();
  return {
    processor: new SimpleSpanProcessor(exporter),
    spans: () => exporter.getFinishedSpans(),
    reset: () => exporter.reset(),
  };
}

export type { ReadableSpan };
