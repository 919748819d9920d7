// lib/log.ts: JSON lines, a level from the environment, secrets redacted.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, failedRequestFields, logLevel } from '../../lib/log';

function capture(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger(sink, level), lines };
}

describe('logLevel', () => {
  it('reads LOG_LEVEL, defaults to info, and is silent in unit tests unless asked', () => {
    expect(logLevel({ LOG_LEVEL: 'debug' })).toBe('debug');
    expect(logLevel({ LOG_LEVEL: ' WARN ' })).toBe('warn');
    expect(logLevel({ LOG_LEVEL: 'verbose', NODE_ENV: 'production' })).toBe('info');
    expect(logLevel({ NODE_ENV: 'production' })).toBe('info');
    expect(logLevel({ NODE_ENV: 'test' })).toBe('silent');
    expect(logLevel({ NODE_ENV: 'test', LOG_LEVEL: 'error' })).toBe('error');
  });
});

describe('createLogger', () => {
  it('writes one JSON object per line: time, level by name, message, fields, the error with its stack', async () => {
    const { logger, lines } = capture();
    const error = new Error('disk full');
    logger.error({ err: error, requestId: 'r-12345678' }, 'unexpected error');
    logger.flush();
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({ level: 'error', msg: 'unexpected error', requestId: 'r-12345678', service: 'crux' });
    expect(new Date(line!.time as string).toString()).not.toBe('Invalid Date');
    expect(line!.err).toMatchObject({ type: 'Error', message: 'disk full' });
    expect((line!.err as { stack: string }).stack).toContain('log.test.ts');
  });

  it('keeps lines below its level out', async () => {
    const { logger, lines } = capture('warn');
    logger.info('chatter');
    logger.warn('worth a look');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((l) => l.msg)).toEqual(['worth a look']);
  });

  it('redacts passwords, tokens, secrets, authorization and cookies wherever a caller puts them', async () => {
    const { logger, lines } = capture();
    logger.info(
      {
        password: 'hunter2hunter2',
        token: 'crux_abc',
        input: { email: 'a@b.c', password: 'hunter2hunter2', secret: 'invite-secret' },
        request: { headers: { authorization: 'Bearer crux_abc', cookie: 'authjs.session-token=xyz', accept: 'application/json' } },
      },
      'something happened',
    );
    await new Promise((resolve) => setImmediate(resolve));
    const text = JSON.stringify(lines);
    for (const secret of ['hunter2', 'crux_abc', 'invite-secret', 'session-token=xyz']) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ input: { email: 'a@b.c', password: '[redacted]' }, request: { headers: { accept: 'application/json', cookie: '[redacted]' } } });
  });
});

describe('failedRequestFields', () => {
  it('names the request id, the digest shown to the reader, the route, and the path without its query', () => {
    const error = Object.assign(new Error('boom'), { digest: '1234567890' });
    const fields = failedRequestFields(
      error,
      { path: '/register?invitation=secret-link', method: 'POST', headers: { 'x-request-id': 'abcdefgh-1', cookie: 'authjs.session-token=x' } },
      { routeType: 'action', routePath: '/register' },
    );
    expect(fields).toEqual({ err: error, requestId: 'abcdefgh-1', digest: '1234567890', method: 'POST', path: '/register', routeType: 'action', routePath: '/register' });
    expect(JSON.stringify(fields)).not.toContain('secret-link');
    expect(JSON.stringify(fields)).not.toContain('session-token');
  });

  it('copes with an error that is not an Error and a request without an id', () => {
    const fields = failedRequestFields('a string', { path: '/', method: 'GET', headers: {} }, { routeType: 'render', routePath: '/' });
    expect(fields).toMatchObject({ err: 'a string', requestId: undefined, digest: undefined, path: '/' });
  });
});
