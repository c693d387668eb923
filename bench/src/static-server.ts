/** Baseline (1): the HTTP ceiling of this machine, a bare fastify route with a static body. */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
const body = { status: 'ok' };
app.get('/', async () => body);
await app.listen({ host: '127.0.0.1', port: Number(process.env.HTTP_PORT ?? 0) });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
