// lib/http.ts: domain errors → the REST API's error shape (README), and the JSON body reader.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DomainError,
  busy,
  conflict,
  forbidden,
  invalid,
  invalidField,
  malformed,
  notFound,
  payloadTooLarge,
  unauthenticated,
} from '../../lib/errors';
import { Prisma } from '../../lib/generated/prisma/client';
import { MAX_BODY_BYTES, contentDisposition, errorResponse, json, readJsonBody, streamBody } from '../../lib/http';
import { CHUNK_BYTES } from '../../lib/byte-chunks';
import { log } from '../../lib/log';

async function bodyOf(response: Response): Promise<unknown> {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return response.json();
}

function post(body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request('http://localhost/api/v1/test', { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
}

/** Expects `promise` to reject with a DomainError of this status and code. */
async function expectDomainError(promise: Promise<unknown>, status: number, code: string): Promise<DomainError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a DomainError, got success');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  const domain = error as DomainError;
  expect(domain.status).toBe(status);
  expect(domain.code).toBe(code);
  return domain;
}

describe('json', () => {
  it('serialises with status, JSON content type and no-store', async () => {
    const response = json({ a: 'é' }, 201, { location: '/x' });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('location')).toBe('/x');
    expect(await response.json()).toEqual({ a: 'é' });
  });
});

describe('errorResponse', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each<[string, DomainError, number, string, string]>([
    ['malformed', malformed('The body is not JSON.'), 400, 'bad_request', 'malformed'],
    ['unauthenticated', unauthenticated(), 401, 'unauthenticated', 'unauthenticated'],
    ['forbidden', forbidden(), 403, 'forbidden', 'forbidden'],
    ['conflict', conflict('staleVersion', 'It changed.'), 409, 'conflict', 'staleVersion'],
    ['invalid', invalid('Bad values.'), 422, 'validation_failed', 'validation'],
  ])('maps %s to its status, code and key', async (_name, error, status, code, key) => {
    const response = errorResponse(error);
    expect(response.status).toBe(status);
    const body = (await bodyOf(response)) as { error: Record<string, unknown> };
    expect(body).toEqual({ error: { code, key, message: error.message } });
    // No issues key at all when there are none (the error shape's optional `issues`).
    expect('issues' in body.error).toBe(false);
    expect(typeof body.error.message).toBe('string');
    expect((body.error.message as string).length).toBeGreaterThan(0);
  });

  it.each<[string, DomainError, number, string, Record<string, unknown>]>([
    ['notFound', notFound('claim'), 404, 'not_found', { what: 'claim' }],
    ['payloadTooLarge', payloadTooLarge(1_000_000), 413, 'payload_too_large', { max: 1_000_000 }],
    ['forbidden with a role', forbidden('Only editors and admins can do this.', { role: 'editor' }), 403, 'forbidden', { role: 'editor' }],
  ])('maps %s with its params', async (_name, error, status, code, params) => {
    const response = errorResponse(error);
    expect(response.status).toBe(status);
    expect(await bodyOf(response)).toEqual({ error: { code, key: error.key, message: error.message, params } });
  });

  it('a 404 and a 413 say what in words', () => {
    expect(notFound('claim').message).toBe('This claim does not exist, or it was deleted.');
    expect(payloadTooLarge(1_000_000).message).toBe('The request is too large: at most 1 MB.');
  });

  it('carries the issues with their paths, keys and params', async () => {
    const issue = { path: ['sources', 0, 'url'], message: 'Source 1: the link must start with http:// or https://.', key: 'invalidUrl' as const };
    const response = errorResponse(invalid(issue.message, [issue]));
    expect(response.status).toBe(422);
    expect(await bodyOf(response)).toEqual({ error: { code: 'validation_failed', key: 'validation', message: issue.message, issues: [issue] } });
  });

  it('invalidField names one field', async () => {
    const body = (await bodyOf(errorResponse(invalidField('exact', 'Not found.', 'notFoundInText')))) as { error: { issues: unknown } };
    expect(body.error.issues).toEqual([{ path: ['exact'], message: 'Not found.', key: 'notFoundInText' }]);
  });

  it('a duplicate claim carries the existing claim id; a stale version the current state', async () => {
    const duplicate = conflict('duplicateClaim', 'Already a claim.', { claimId: 'c1' });
    expect(await bodyOf(errorResponse(duplicate))).toEqual({ error: { code: 'conflict', key: 'duplicateClaim', message: 'Already a claim.', claimId: 'c1' } });
    const stale = conflict('staleVersion', 'Changed.', { current: { id: 'c1', version: 3 } });
    expect(await bodyOf(errorResponse(stale))).toMatchObject({ error: { key: 'staleVersion', current: { id: 'c1', version: 3 } } });
  });

  it.each([
    ['a transaction that could not begin in time', 'P2028'],
    ['a lock held by another process past the busy timeout', 'P1008'],
  ])('answers %s with 503 busy and Retry-After: nothing was written, the client may retry', async (_name, code) => {
    const error = new Prisma.PrismaClientKnownRequestError('Transaction API error: Unable to start a transaction in the given time.', { code, clientVersion: 'test' });
    const response = errorResponse(error);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await bodyOf(response)).toEqual({ error: { code: 'unavailable', key: 'busy', message: busy().message } });
  });

  it('turns an unknown error into a 500 without leaking its message or stack; the log has both, with the request id', async () => {
    const logged = vi.spyOn(log(), 'error').mockImplementation(() => {});
    const error = new Error('SQLITE_CANTOPEN: /secret/path/crux.db');
    const response = errorResponse(error, 'req-12345678');
    expect(response.status).toBe(500);
    expect(response.headers.get('x-request-id')).toBe('req-12345678');
    const text = await response.text();
    expect(text).not.toContain('SQLITE_CANTOPEN');
    expect(text).not.toContain('/secret/path');
    expect(text).not.toContain('http.test.ts'); // no stack frame
    expect(text).not.toMatch(/\bat\s/);
    const body = JSON.parse(text) as { error: Record<string, unknown> };
    expect(body).toEqual({
      error: { code: 'internal_error', key: 'internal', message: 'Something went wrong on our side. Try again in a moment.', requestId: 'req-12345678' },
    });
    // It is logged on the server side instead, whole, under the same id.
    expect(logged).toHaveBeenCalledWith({ err: error, requestId: 'req-12345678' }, 'unexpected error');
  });

  it('carries the request id in a refusal too, body and header', async () => {
    const response = errorResponse(notFound('claim'), 'abcdef12-3456');
    expect(response.headers.get('x-request-id')).toBe('abcdef12-3456');
    expect(await bodyOf(response)).toEqual({
      error: { code: 'not_found', key: 'notFound', message: notFound('claim').message, params: { what: 'claim' }, requestId: 'abcdef12-3456' },
    });
  });

  it('also handles thrown non-errors', async () => {
    vi.spyOn(log(), 'error').mockImplementation(() => {});
    const response = errorResponse('a string');
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('a string');
  });
});

describe('readJsonBody', () => {
  it('parses a JSON object', async () => {
    expect(await readJsonBody(post(JSON.stringify({ exact: 'Bakou et Erevan', start: 3 })))).toEqual({ exact: 'Bakou et Erevan', start: 3 });
  });

  it('parses non-ASCII text as UTF-8', async () => {
    const value = { text: 'L’Arménie « et » l’Azerbaïdjan 🇦🇲' };
    expect(await readJsonBody(post(new TextEncoder().encode(JSON.stringify(value))))).toEqual(value);
  });

  it('parses any JSON value, e.g. an array (schemas judge the shape)', async () => {
    expect(await readJsonBody(post('[1, 2]'))).toEqual([1, 2]);
  });

  it('400 on malformed JSON', async () => {
    const error = await expectDomainError(readJsonBody(post('{"exact": ')), 400, 'bad_request');
    expect(error.message).toMatch(/not valid JSON/);
  });

  it.each([
    ['no body', null],
    ['an empty body', ''],
    ['whitespace only', ' \n\t '],
  ])('400 on %s', async (_name, body) => {
    const error = await expectDomainError(readJsonBody(post(body)), 400, 'bad_request');
    expect(error.message).toMatch(/empty/);
  });

  it('400 on invalid UTF-8', async () => {
    // 0xC3 starts a two-byte sequence; 0x28 cannot continue it.
    const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]);
    const error = await expectDomainError(readJsonBody(post(bytes)), 400, 'bad_request');
    expect(error.message).toMatch(/UTF-8/);
  });

  it('413 when content-length declares more than the limit, before reading', async () => {
    const request = post('{}', { 'content-length': String(MAX_BODY_BYTES + 1) });
    await expectDomainError(readJsonBody(request), 413, 'payload_too_large');
    expect(request.bodyUsed).toBe(false);
  });

  it('413 when the body itself is larger than the limit, whatever the headers say', async () => {
    const body = JSON.stringify({ text: 'x'.repeat(200) });
    await expectDomainError(readJsonBody(post(body), 100), 413, 'payload_too_large');
    // A lying content-length does not help.
    await expectDomainError(readJsonBody(post(body, { 'content-length': '10' }), 100), 413, 'payload_too_large');
  });

  it('counts bytes, not characters', async () => {
    // 40 "é" are 40 characters but 80 bytes of UTF-8.
    const body = JSON.stringify('é'.repeat(40)); // 82 bytes
    await expectDomainError(readJsonBody(post(body), 81), 413, 'payload_too_large');
    expect(await readJsonBody(post(body), 82)).toBe('é'.repeat(40));
  });

  it('accepts a body of exactly the limit', async () => {
    const body = JSON.stringify({ a: 'x'.repeat(50) });
    expect(await readJsonBody(post(body), new TextEncoder().encode(body).byteLength)).toEqual({ a: 'x'.repeat(50) });
  });

  it('stops reading a streamed body (no content-length) soon after it passes the limit', async () => {
    // A chunked upload declares no length: the reader must not buffer all of it
    // before answering 413, or one request can exhaust the server's memory.
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    let pulled = 0;
    const total = 4096; // 256 MB if read to the end
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= total) {
          controller.close();
          return;
        }
        pulled += 1;
        controller.enqueue(chunk);
      },
    });
    const request = new Request('http://localhost/api/v1/test', {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect(request.headers.get('content-length')).toBeNull();
    await expectDomainError(readJsonBody(request, 100_000), 413, 'payload_too_large');
    // 100 kB is two chunks; allow for the stream's read-ahead, not for reading it all.
    expect(pulled).toBeLessThan(16);
  });

  it('reads a streamed body within the limit', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ text: 'é'.repeat(1000) }));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        // Split inside a two-byte "é" to check the bytes are joined before decoding.
        controller.enqueue(bytes.slice(0, 11));
        controller.enqueue(bytes.slice(11, 500));
        controller.enqueue(bytes.slice(500));
        controller.close();
      },
    });
    const request = new Request('http://localhost/api/v1/test', { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    expect(await readJsonBody(request, bytes.byteLength)).toEqual({ text: 'é'.repeat(1000) });
  });

  it('the default limit is 1 MB', async () => {
    expect(MAX_BODY_BYTES).toBe(1_000_000);
    const big = JSON.stringify({ text: 'x'.repeat(MAX_BODY_BYTES) });
    await expectDomainError(readJsonBody(post(big)), 413, 'payload_too_large');
  });
});

describe('contentDisposition', () => {
  it('plain ASCII names are kept as is in both parameters', () => {
    expect(contentDisposition('sotchi.crux.json')).toBe(`attachment; filename="sotchi.crux.json"; filename*=UTF-8''sotchi.crux.json`);
  });

  it('accents: ASCII fallback plus the UTF-8 name, percent-encoded (RFC 6266 / 5987)', () => {
    const header = contentDisposition('Élection à Erevan.csv');
    expect(header).toMatch(/^attachment; /);
    const fallback = /filename="([^"]*)"/.exec(header)?.[1];
    expect(fallback).toBeDefined();
    expect(fallback).toMatch(/^[\x20-\x7e]*$/);
    expect(fallback).toBe('_lection _ Erevan.csv');
    const star = /filename\*=UTF-8''(\S+)$/.exec(header)?.[1];
    expect(star).toBeDefined();
    expect(decodeURIComponent(star!)).toBe('Élection à Erevan.csv');
    expect(star).not.toMatch(/[ "';]/);
  });

  it('quotes and backslashes cannot break out of the quoted fallback', () => {
    const header = contentDisposition('say "hi"\\x.json');
    const fallback = /filename="([^"]*)"/.exec(header)?.[1];
    expect(fallback).toBe('say _hi__x.json');
    // Exactly two double quotes: the ones around the fallback.
    expect(header.split('"').length - 1).toBe(2);
    const star = /filename\*=UTF-8''(\S+)$/.exec(header)?.[1];
    expect(decodeURIComponent(star!)).toBe('say "hi"\\x.json');
  });

  it("filename* holds only RFC 8187 attr-chars and %XX escapes, even for ' ( ) *", () => {
    const name = "l'article (version 2) *final*.csv";
    const header = contentDisposition(name);
    const star = /filename\*=UTF-8''(\S+)$/.exec(header)?.[1];
    expect(star).toBeDefined();
    // RFC 8187 section 3.2.1: value-chars = *( pct-encoded / attr-char )
    expect(star).toMatch(/^(?:%[0-9A-F]{2}|[A-Za-z0-9!#$&+\-.^_`|~])+$/);
    expect(decodeURIComponent(star!)).toBe(name);
  });

  it('never lets a header-breaking character through', () => {
    const header = contentDisposition('a\r\nSet-Cookie: x=1.json');
    expect(header).not.toMatch(/[\r\n]/);
  });

  it('is accepted by the Headers API', () => {
    expect(() => new Headers({ 'content-disposition': contentDisposition('L’Arménie « 🇦🇲 ».json') })).not.toThrow();
  });
});

describe('readJsonBody and ill-formed Unicode', () => {
  it('422 naming the field when an escape leaves a lone surrogate, at any depth', async () => {
    const error = await expectDomainError(readJsonBody(post('{"rating":"true","sources":[{"url":"https://a.org","title":"x\\ud800"}]}')), 422, 'validation_failed');
    expect(error.issues).toEqual([
      expect.objectContaining({ path: ['sources', 0, 'title'], key: 'invalid', message: expect.stringMatching(/^Source 1: the title is not well-formed Unicode text/) }),
    ]);
    const top = await expectDomainError(readJsonBody(post('{"body":"\\udc00"}')), 422, 'validation_failed');
    expect(top.issues[0]!.path).toEqual(['body']);
    expect(top.message).toMatch(/^The comment is not well-formed Unicode text/);
  });

  it('a surrogate pair written as two escapes is one character, and accepted', async () => {
    expect(await readJsonBody(post('{"body":"\\ud83d\\ude00"}'))).toEqual({ body: '😀' });
  });
});

describe('streamBody', () => {
  it('sends pieces of text as UTF-8 chunks of CHUNK_BYTES, made only as the client reads', async () => {
    let made = 0;
    let closed = false;
    async function* claims(): AsyncGenerator<string> {
      try {
        for (let i = 0; i < 10_000; i++) {
          made += 1;
          yield `${i === 0 ? '' : ','}{"exact":"« Dépêche nº ${i} »"}`;
        }
      } finally {
        closed = true;
      }
    }
    const reader = streamBody(claims()).getReader();
    const first = await reader.read();
    expect(first.value!.length).toBeGreaterThan(CHUNK_BYTES - 4);
    expect(first.value!.length).toBeLessThanOrEqual(CHUNK_BYTES);
    expect(new TextDecoder().decode(first.value!)).toMatch(/^\{"exact":"« Dépêche nº 0 »"\},\{"exact"/);
    // Enough pieces for the first chunk and the one the stream holds ready, not the whole export.
    expect(made).toBeLessThan(10_000);
    await reader.cancel();
    expect(closed).toBe(true);
  });
});
