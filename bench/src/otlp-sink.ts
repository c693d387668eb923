import { createServer } from 'node:http';

/**
 * Where the traced variants export their spans: answers every OTLP/HTTP export with 200, as a
 * collector would, and counts them. In this process: it must not cost the services anything a
 * real collector on another machine would not.
 */
export async function startOtlpSink(): Promise<{ url: string; exports(): number; close(): void }> {
  let received = 0;
  const sink = createServer((request, response) => {
    request.on('data', () => {});
    request.on('end', () => {
      received += 1;
      response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(sink.address() as { port: number }).port}`,
    exports: () => received,
    close: () => {
      sink.closeAllConnections();
      sink.close();
    },
  };
}
