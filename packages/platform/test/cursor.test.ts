import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Type } from 'typebox';
import { createHttpServer, cursorCodec, InvalidCursor, type HttpApp } from '../src/http/index.js';

describe('cursorCodec', () => {
  const id = '3f1c2a9e-5b7d-4c1e-9a2b-000000000001';
  const byName = cursorCodec({ name: 'text', id: 'uuid' });
  const byTime = cursorCodec({ createdAt: 'timestamp', id: 'uuid' });
  const forged = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  /** The same bytes written another way: the last character's unused low bit flipped. */
  const withOtherTrailingBits = (text: string) => {
    const other = `${text.slice(0, -1)}${alphabet[alphabet.indexOf(text.slice(-1)) ^ 1] ?? ''}`;
    expect(Buffer.from(other, 'base64url')).toEqual(Buffer.from(text, 'base64url'));
    return other;
  };

  it('when a position is encoded, then it is base64url of the JSON tuple, in the order the fields are named', () => {
    const text = byTime.encode({ id, createdAt: new Date('2026-01-15T09:30:00.000Z') });
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))).toEqual([
      '2026-01-15T09:30:00.000Z',
      id,
    ]);
  });

  it('when a cursor is decoded, then it is the position that was encoded', () => {
    const named = { name: 'Mug "50%" ü \u{1F375}', id };
    expect(byName.decode(byName.encode(named))).toEqual(named);
    const timed = { createdAt: new Date('0001-01-01T00:00:00.001Z'), id };
    expect(byTime.decode(byTime.encode(timed))).toEqual(timed);
    expect(
      byTime
        .decode(byTime.encode({ createdAt: new Date('9999-12-31T23:59:59.999Z'), id }))
        .createdAt.getUTCFullYear(),
    ).toBe(9999);
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'not base64 at all!'],
    ['padded', `${forged(['Mug', id])}=`],
    ['with altered unused trailing bits', withOtherTrailingBits(forged(['Mugs', id]))],
    ['not JSON', Buffer.from('["Mug",').toString('base64url')],
    ['an object', forged({ name: 'Mug', id })],
    ['too short', forged(['Mug'])],
    ['too long', forged(['Mug', id, id])],
    ['a number for text', forged([5, id])],
    ['a NUL in the text', forged(['a\u0000b', id])],
    ['an upper-case id', forged(['Mug', id.toUpperCase()])],
    ['an id that is no UUID', forged(['Mug', 'not-a-uuid'])],
  ])('when a name cursor is %s, then InvalidCursor', (_case, text) => {
    expect(() => byName.decode(text)).toThrow(InvalidCursor);
  });

  it.each([
    ['a year PostgreSQL cannot store', '+275760-09-13T00:00:00.000Z'],
    ['a year before the common era', '-000001-01-01T00:00:00.000Z'],
    ['year zero', '0000-01-01T00:00:00.000Z'],
    ['February 30th', '2026-02-30T00:00:00.000Z'],
    ['hour 24', '2026-01-15T24:00:00.000Z'],
    ['no milliseconds', '2026-01-15T09:30:00Z'],
    ['an offset', '2026-01-15T09:30:00.000+01:00'],
    ['a date only', '2026-01-15'],
    ['a number', 1_768_469_400_000],
  ])('when a timestamp cursor carries %s, then InvalidCursor', (_case, value) => {
    expect(() => byTime.decode(forged([value, id]))).toThrow(InvalidCursor);
  });
});

describe('InvalidCursor at the HTTP edge', () => {
  let app: HttpApp;
  const codec = cursorCodec({ name: 'text', id: 'uuid' });

  beforeAll(async () => {
    app = createHttpServer({ logger: false, errorTable: () => undefined });
    app.get(
      '/things',
      { schema: { querystring: Type.Object({ cursor: Type.Optional(Type.String()) }) } },
      async (request) => ({
        after: request.query.cursor === undefined ? null : codec.decode(request.query.cursor),
      }),
    );
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  it('when a route decodes a bad cursor, then 400 invalid_cursor pointing at the query parameter', async () => {
    const response = await app.inject({ method: 'GET', url: '/things?cursor=bm9wZQ' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.json()).toMatchObject({
      status: 400,
      code: 'invalid_cursor',
      detail: 'Pass next_cursor exactly as a previous page returned it.',
      errors: [{ in: 'querystring', field: 'cursor', message: 'is not a valid cursor' }],
    });
  });
});
