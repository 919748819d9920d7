// lib/validation.ts: what each schema accepts, what it rejects, and the issue
// paths parseInput reports (they become the error shape's `issues[].path`).
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAX_ARTICLE_CHARS } from '../../lib/articles/submission';
import { DomainError } from '../../lib/errors';
import {
  articleCreateSchema,
  claimCreateSchema,
  eventStreamQuerySchema,
  exportQuerySchema,
  historyQuerySchema,
  httpUrlSchema,
  idSchema,
  MAX_ID_CHARS,
  commentSchema,
  fieldLabel,
  parseInput,
  registerSchema,
  reviewSettingsSchema,
  tokenCreateSchema,
  articleUpdateSchema,
  verdictSchema,
} from '../../lib/validation';

type Path = (string | number)[];

/** The issue paths of a rejected input (fails the test when it is accepted). */
function rejectedPaths(schema: z.ZodType, input: unknown): Path[] {
  try {
    parseInput(schema, input);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const domain = error as DomainError;
    expect(domain.status).toBe(422);
    expect(domain.code).toBe('validation_failed');
    for (const issue of domain.issues) expect(issue.message.length).toBeGreaterThan(0);
    return domain.issues.map((i) => i.path);
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}

describe('parseInput', () => {
  it('returns the parsed (transformed) value', () => {
    expect(parseInput(registerSchema, { email: '  Alice@Example.ORG ', password: 'longenough' })).toEqual({
      email: 'alice@example.org',
      password: 'longenough',
      name: null,
      invitation: null,
    });
  });

  it('throws a 422 naming every offending field in the message', () => {
    try {
      parseInput(registerSchema, { email: 'nope', password: 'short' });
      expect.unreachable();
    } catch (error) {
      const domain = error as DomainError;
      expect(domain.message).toContain('email');
      expect(domain.message).toContain('password');
      expect(domain.issues.map((i) => i.path)).toEqual([['email'], ['password']]);
    }
  });

  it('refuses text with a NUL character wherever it is, naming each place (PostgreSQL cannot store one)', () => {
    expect(rejectedPaths(verdictSchema, { rating: 'true', rationale: 'a\u0000', sources: [{ url: 'https://example.org/' }, { url: 'https://example.org/\u0000' }] })).toEqual([
      ['rationale'],
      ['sources', 1, 'url'],
    ]);
    // Deeply nested input is walked without recursion: a 422, not a stack overflow.
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(rejectedPaths(registerSchema, { email: 'a@example.org', password: 'long enough', name: deep })[0]).toHaveLength(100_001);
  });

  it('names the body itself when the input is not an object', () => {
    for (const input of [null, 'text', 42, []]) {
      expect(rejectedPaths(registerSchema, input)).toEqual([[]]);
    }
    try {
      parseInput(registerSchema, null);
    } catch (error) {
      expect((error as DomainError).message).toBe('The request body must be a JSON object.');
    }
  });
});

describe('idSchema', () => {
  it('takes a string of at most MAX_ID_CHARS characters, as a REST path carries; nothing else (an object would be a database filter)', () => {
    expect(parseInput(idSchema, 'cmwx2izlt00051u7daeewdpd4')).toBe('cmwx2izlt00051u7daeewdpd4');
    expect(parseInput(idSchema, 'x'.repeat(MAX_ID_CHARS))).toHaveLength(MAX_ID_CHARS);
    for (const bad of ['', 'x'.repeat(MAX_ID_CHARS + 1), 42, null, undefined, ['id'], { contains: '' }]) expect(rejectedPaths(idSchema, bad), JSON.stringify(bad)).toEqual([[]]);
  });

  it('names a server action’s id argument in words, with the limit', () => {
    const schema = z.object({ claimId: idSchema });
    expect(() => parseInput(schema, { claimId: 'x'.repeat(MAX_ID_CHARS + 1) })).toThrow('The claim id is too long: at most 100 characters.');
    expect(rejectedPaths(schema, { claimId: { contains: '' } })).toEqual([['claimId']]);
  });
});

describe('httpUrlSchema', () => {
  it.each([
    'https://www.example.org/page?q=1#frag',
    'http://example.org',
    '  https://example.org/trimmed  ',
    'https://fr.wikipedia.org/wiki/Haut-Karabakh',
    'https://xn--caf-dma.fr/',
    'http://127.0.0.1:8080/x',
  ])('accepts %s', (url) => {
    expect(parseInput(httpUrlSchema, url)).toBe(url.trim());
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(document.cookie)',
    'data:text/html,<script>alert(1)</script>',
    'ftp://example.org/file',
    'file:///etc/passwd',
    'mailto:someone@example.org',
    'vbscript:msgbox(1)',
    'example.org',
    '//example.org/no-scheme',
    '',
    'https://',
    `https://example.org/${'a'.repeat(2048)}`,
  ])('rejects %s', (url) => {
    expect(rejectedPaths(httpUrlSchema, url)).toEqual([[]]);
  });

  it('rejects non-strings', () => {
    expect(rejectedPaths(httpUrlSchema, 42)).toEqual([[]]);
    expect(rejectedPaths(httpUrlSchema, null)).toEqual([[]]);
  });
});

describe('registerSchema', () => {
  it.each<[unknown, Path[]]>([
    [{ email: 'not-an-email', password: 'longenough' }, [['email']]],
    [{ email: 'a@b', password: 'longenough' }, [['email']]],
    [{ email: 'alice@example.org', password: 'short' }, [['password']]],
    [{ email: 'alice@example.org', password: 'x'.repeat(201) }, [['password']]],
    [{ email: 'alice@example.org' }, [['password']]],
    [{ password: 'longenough' }, [['email']]],
    [{ email: 'alice@example.org', password: 'longenough', name: 'x'.repeat(101) }, [['name']]],
    [{ email: 'alice@example.org', password: 12345678 }, [['password']]],
  ])('rejects %j at %j', (input, paths) => {
    expect(rejectedPaths(registerSchema, input)).toEqual(paths);
  });

  it('accepts exactly 8 characters and a blank name as null', () => {
    expect(parseInput(registerSchema, { email: 'b@example.org', password: '12345678', name: '   ' })).toEqual({
      email: 'b@example.org',
      password: '12345678',
      name: null,
      invitation: null,
    });
  });

  it('keeps a name, trimmed', () => {
    expect(parseInput(registerSchema, { email: 'b@example.org', password: '12345678', name: ' Zoé ' }).name).toBe('Zoé');
  });

  it('does not trim passwords (spaces are part of them)', () => {
    expect(parseInput(registerSchema, { email: 'b@example.org', password: '  secret  ' }).password).toBe('  secret  ');
  });
});

describe('articleCreateSchema', () => {
  it('accepts plain text with optional metadata', () => {
    expect(
      parseInput(articleCreateSchema, {
        text: 'Un texte.',
        title: ' Titre ',
        sourceUrl: 'https://example.org/a',
        publisher: 'AA',
        publishedAt: '2025-07-14',
        language: 'fr-FR',
      }),
    ).toEqual({ text: 'Un texte.', title: 'Titre', sourceUrl: 'https://example.org/a', publisher: 'AA', publishedAt: '2025-07-14', language: 'fr-FR' });
  });

  it('fills absent optional fields with null', () => {
    expect(parseInput(articleCreateSchema, { text: 'x' })).toEqual({
      text: 'x',
      title: null,
      sourceUrl: null,
      publisher: null,
      publishedAt: null,
      language: null,
    });
  });

  it.each(['2025', '2025-07', '2025-07-14', '2024-02-29', '1789-07-14'])('accepts publishedAt %s', (publishedAt) => {
    expect(parseInput(articleCreateSchema, { text: 'x', publishedAt }).publishedAt).toBe(publishedAt);
  });

  it.each<[unknown, Path[]]>([
    [{}, [['text']]],
    [{ text: 'x', markdown: '# x' }, [['markdown']]],
    [{ markdown: '# x', html: '<p>x</p>' }, [['html']]],
    [{ text: 'x', markdown: '# x', html: '<p>x</p>' }, [['markdown'], ['html']]],
    [{ markdown: 42 }, [['markdown']]],
    [{ html: 'x'.repeat(MAX_ARTICLE_CHARS + 1) }, [['html']]],
    [{ markdown: 'x'.repeat(MAX_ARTICLE_CHARS + 1) }, [['markdown']]],
    [{ text: 42 }, [['text']]],
    [{ text: 'x'.repeat(MAX_ARTICLE_CHARS + 1) }, [['text']]],
    [{ text: 'x', sourceUrl: 'javascript:alert(1)' }, [['sourceUrl']]],
    [{ text: 'x', publishedAt: '14/07/2025' }, [['publishedAt']]],
    [{ text: 'x', publishedAt: '2025-7' }, [['publishedAt']]],
    // Written right, but no such day or month: refused as the "date" header of a text is ignored.
    [{ text: 'x', publishedAt: '2025-13-45' }, [['publishedAt']]],
    [{ text: 'x', publishedAt: '2025-13' }, [['publishedAt']]],
    [{ text: 'x', publishedAt: '2025-00' }, [['publishedAt']]],
    [{ text: 'x', publishedAt: '2025-02-29' }, [['publishedAt']]],
    [{ text: 'x', publishedAt: '2025-04-31' }, [['publishedAt']]],
    [{ text: 'x', publishedAt: '2025-07-00' }, [['publishedAt']]],
    [{ text: 'x', publishedAt: '0000-01' }, [['publishedAt']]],
    [{ text: 'x', language: 'français' }, [['language']]],
    [{ text: 'x', title: 'x'.repeat(301) }, [['title']]],
    [{ text: 'x', unknownField: 1 }, [['unknownField']]],
  ])('rejects %j at %j', (input, paths) => {
    expect(rejectedPaths(articleCreateSchema, input)).toEqual(paths);
  });

  it('accepts Markdown or HTML in place of text', () => {
    expect(parseInput(articleCreateSchema, { markdown: '# Titre' }).markdown).toBe('# Titre');
    expect(parseInput(articleCreateSchema, { html: '<p>x</p>' }).html).toBe('<p>x</p>');
  });

  it('accepts text of exactly the maximum length', () => {
    expect(parseInput(articleCreateSchema, { text: 'x'.repeat(MAX_ARTICLE_CHARS) }).text).toHaveLength(MAX_ARTICLE_CHARS);
  });

  it('reports an unknown key by name', () => {
    try {
      parseInput(articleCreateSchema, { text: 'x', body: 'y' });
      expect.unreachable();
    } catch (error) {
      expect((error as DomainError).issues[0]?.message).toContain('body');
    }
  });
});

describe('claimCreateSchema', () => {
  it.each<[unknown]>([
    [{ exact: 'a' }],
    [{ exact: 'Bakou et Erevan', start: 0, end: 15 }],
    [{ exact: 'x', prefix: 'p', suffix: 's', start: 3, end: 4, note: 'à vérifier' }],
    [{ exact: 'x', start: 3 }],
    [{ exact: 'x'.repeat(5000) }],
  ])('accepts %j', (input) => {
    expect(() => parseInput(claimCreateSchema, input)).not.toThrow();
  });

  it.each<[unknown, Path[]]>([
    [{}, [['exact']]],
    [{ exact: '' }, [['exact']]],
    [{ exact: 'x'.repeat(5001) }, [['exact']]],
    [{ exact: 'x', start: -1, end: 1 }, [['start']]],
    [{ exact: 'x', start: 1.5, end: 3 }, [['start']]],
    [{ exact: 'x', start: '1', end: 2 }, [['start']]],
    [{ exact: 'x', start: 5, end: 5 }, [['end']]],
    [{ exact: 'x', start: 6, end: 5 }, [['end']]],
    [{ exact: 'x', prefix: 'p'.repeat(201) }, [['prefix']]],
    [{ exact: 'x', suffix: 's'.repeat(201) }, [['suffix']]],
    [{ exact: 'x', note: 'n'.repeat(2001) }, [['note']]],
    [{ exact: 'x', articleId: 'abc' }, [['articleId']]],
  ])('rejects %j at %j', (input, paths) => {
    expect(rejectedPaths(claimCreateSchema, input)).toEqual(paths);
  });

  it('does not trim the quote (offsets depend on it)', () => {
    expect(parseInput(claimCreateSchema, { exact: ' à ' }).exact).toBe(' à ');
  });

  it('turns a blank note into null', () => {
    expect(parseInput(claimCreateSchema, { exact: 'x', note: '  ' }).note).toBeNull();
  });
});

describe('verdictSchema', () => {
  it('fills defaults', () => {
    expect(parseInput(verdictSchema, { rating: 'mostly-true' })).toEqual({ rating: 'mostly-true', rationale: '', rationaleDoc: null, sources: [] });
  });

  it('version 0 stands for “no verdict yet”, so a first save can be checked against a verdict given meanwhile', () => {
    expect(parseInput(verdictSchema, { rating: 'true', version: 0 }).version).toBe(0);
  });

  it.each(['false', 'mostly-false', 'mixed', 'mostly-true', 'true', 'unverifiable'])('accepts rating %s', (rating) => {
    expect(parseInput(verdictSchema, { rating }).rating).toBe(rating);
  });

  it('normalises sources', () => {
    expect(
      parseInput(verdictSchema, {
        rating: 'false',
        rationale: '  Démenti officiel.  ',
        sources: [{ url: ' https://example.org/a ', title: 'A', stance: 'refutes' }, { url: 'http://example.org/b', quote: '' }],
        version: 2,
      }),
    ).toEqual({
      rating: 'false',
      rationale: 'Démenti officiel.',
      rationaleDoc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Démenti officiel.' }] }] },
      sources: [
        { url: 'https://example.org/a', title: 'A', publisher: null, quote: null, stance: 'refutes', accessedAt: null, archiveUrl: null },
        { url: 'http://example.org/b', title: null, publisher: null, quote: null, stance: null, accessedAt: null, archiveUrl: null },
      ],
      version: 2,
    });
  });

  it('a source’s links are normalised: lowercase host, no default port, no fragment; its date consulted and archived copy kept', () => {
    const { sources } = parseInput(verdictSchema, {
      rating: 'true',
      sources: [
        {
          url: 'HTTPS://Example.ORG:443/Rapport?p=2#section-3',
          accessedAt: ' 2025-07-14 ',
          archiveUrl: 'https://web.archive.org:443/web/2025/https://example.org/Rapport#top',
        },
        { url: 'http://example.org:80/a' },
        { url: 'http://example.org:8080/a' },
      ],
    });
    expect(sources.map((s) => s.url)).toEqual(['https://example.org/Rapport?p=2', 'http://example.org/a', 'http://example.org:8080/a']);
    expect(sources[0]).toMatchObject({ accessedAt: '2025-07-14', archiveUrl: 'https://web.archive.org/web/2025/https://example.org/Rapport' });
  });

  it.each([
    [{ url: 'https://example.org', accessedAt: '2025-02-30' }, 'accessedAt', 'Source 1: the date consulted must be a day written YYYY-MM-DD, for example 2025-07-14.'],
    [{ url: 'https://example.org', accessedAt: '2025-07' }, 'accessedAt', 'Source 1: the date consulted must be a day written YYYY-MM-DD, for example 2025-07-14.'],
    [{ url: 'https://example.org', accessedAt: '2025-13-01' }, 'accessedAt', 'Source 1: the date consulted must be a day written YYYY-MM-DD, for example 2025-07-14.'],
    [{ url: 'https://example.org', archiveUrl: 'javascript:alert(1)' }, 'archiveUrl', 'Source 1: the archived copy’s link must start with http:// or https://.'],
    [{ url: 'https://example.org', stance: 'agrees' }, 'stance', 'Source 1: the stance must be one of: supports, refutes, context.'],
  ])('a bad source field %j is 422 naming it', (source, field, message) => {
    const error = (() => {
      try {
        parseInput(verdictSchema, { rating: 'true', sources: [source] });
      } catch (e) {
        return e as DomainError;
      }
      throw new Error('expected a validation error');
    })();
    expect(error.issues.map((i) => i.path)).toEqual([['sources', 0, field]]);
    expect(error.message).toBe(message);
  });

  it.each<[unknown, Path[]]>([
    [{}, [['rating']]],
    [{ rating: 'False' }, [['rating']]],
    [{ rating: 'pants-on-fire' }, [['rating']]],
    [{ rating: 3 }, [['rating']]],
    [{ rating: 'true', rationale: 'x'.repeat(10_001) }, [['rationale']]],
    [{ rating: 'true', sources: 'https://example.org' }, [['sources']]],
    [{ rating: 'true', sources: [{ url: 'javascript:alert(1)' }] }, [['sources', 0, 'url']]],
    [{ rating: 'true', sources: [{ url: 'https://ok.example' }, { url: 'ftp://example.org' }] }, [['sources', 1, 'url']]],
    [{ rating: 'true', sources: [{ title: 'no url' }] }, [['sources', 0, 'url']]],
    [{ rating: 'true', sources: [{ url: 'https://ok.example', stance: 'agrees' }] }, [['sources', 0, 'stance']]],
    [{ rating: 'true', sources: [{ url: 'https://ok.example', extra: 1 }] }, [['sources', 0, 'extra']]],
    [{ rating: 'true', sources: Array.from({ length: 51 }, () => ({ url: 'https://ok.example' })) }, [['sources']]],
    [{ rating: 'true', version: -1 }, [['version']]],
    [{ rating: 'true', version: 1.5 }, [['version']]],
    [{ rating: 'true', version: '1' }, [['version']]],
    [{ rating: 'true', reviewerId: 'someone-else' }, [['reviewerId']]],
    [{ rating: 'nope', sources: [{ url: 'ftp://x' }] }, [['rating'], ['sources', 0, 'url']]],
  ])('rejects %j at %j', (input, paths) => {
    expect(rejectedPaths(verdictSchema, input)).toEqual(paths);
  });

  it('the rating message lists the scale', () => {
    try {
      parseInput(verdictSchema, { rating: 'nope' });
      expect.unreachable();
    } catch (error) {
      expect((error as DomainError).issues[0]?.message).toContain('mostly-false');
    }
  });
});

describe('exportQuerySchema and tokenCreateSchema', () => {
  it('export defaults to json, reviewed', () => {
    expect(parseInput(exportQuerySchema, {})).toEqual({ format: 'json', scope: 'reviewed', delimiter: ',', bom: true });
  });

  it.each<[unknown, Path[]]>([
    [{ format: 'xml' }, [['format']]],
    [{ scope: 'some' }, [['scope']]],
    [{ status: 'done' }, [['status', 0]]],
    [{ status: ',' }, [['status']]],
    [{ rating: 'false,maybe' }, [['rating', 1]]],
    [{ delimiter: '|' }, [['delimiter']]],
    [{ bom: 'yes' }, [['bom']]],
    [{ from: '2025-02-30' }, [['from']]],
    [{ from: '2025-03-02', to: '2025-03-01' }, [['to']]],
    [{ reviewer: '' }, [['reviewer']]],
  ])('export rejects %j at %j', (input, paths) => {
    expect(rejectedPaths(exportQuerySchema, input)).toEqual(paths);
  });

  it('export reads lists, the delimiter and the byte order mark from a query string', () => {
    expect(parseInput(exportQuerySchema, { format: 'csv', scope: 'all', status: 'consensus, adjudicated', rating: 'false', delimiter: ';', bom: '0', from: '2025-03-01', to: '2025-03-01' })).toEqual({
      format: 'csv',
      scope: 'all',
      status: ['consensus', 'adjudicated'],
      rating: ['false'],
      delimiter: ';',
      bom: false,
      from: '2025-03-01',
      to: '2025-03-01',
    });
  });

  it('token names are trimmed and required', () => {
    expect(parseInput(tokenCreateSchema, { name: ' CI ' })).toEqual({ name: 'CI' });
    expect(rejectedPaths(tokenCreateSchema, { name: '   ' })).toEqual([['name']]);
    expect(rejectedPaths(tokenCreateSchema, {})).toEqual([['name']]);
  });
});

describe('reviewSettingsSchema', () => {
  it('accepts each setting alone, at its limits, and nothing', () => {
    for (const settings of [{}, { consensusRule: 'ordinal' }, { consensusRule: 'plurality' }, { maxSpread: 0 }, { maxSpread: 4 }, { minReviewers: 1 }, { minReviewers: 50 }, { agreementThreshold: 1 }]) {
      expect(parseInput(reviewSettingsSchema, settings)).toEqual(settings);
    }
  });

  it.each<[unknown, Path[]]>([
    [{ consensusRule: 'majority' }, [['consensusRule']]],
    [{ consensusRule: 'Ordinal' }, [['consensusRule']]],
    [{ consensusRule: null }, [['consensusRule']]],
    [{ maxSpread: -1 }, [['maxSpread']]],
    [{ maxSpread: 5 }, [['maxSpread']]],
    [{ maxSpread: 1.5 }, [['maxSpread']]],
    [{ maxSpread: '2' }, [['maxSpread']]],
    [{ rule: 'ordinal' }, [['rule']]],
  ])('rejects %j at %j', (input, paths) => {
    expect(rejectedPaths(reviewSettingsSchema, input)).toEqual(paths);
  });
});

describe('messages for people, keys for machines', () => {
  /** The one issue of a rejected input. */
  function issueOf(schema: z.ZodType, input: unknown) {
    try {
      parseInput(schema, input);
    } catch (error) {
      const domain = error as DomainError;
      expect(domain.key).toBe('validation');
      expect(domain.issues).toHaveLength(1);
      // One issue: the error's message is that issue's sentence.
      expect(domain.message).toBe(domain.issues[0]!.message);
      return domain.issues[0]!;
    }
    throw new Error('expected a rejection');
  }

  it.each<[string, z.ZodType, unknown, string, string, Record<string, unknown> | undefined]>([
    ['a source link', verdictSchema, { rating: 'true', sources: [{ url: 'ftp://x.org' }] }, 'invalidUrl', 'Source 1: the link must start with http:// or https://.', undefined],
    ['the second source', verdictSchema, { rating: 'true', sources: [{ url: 'https://ok.org' }, { url: 'x' }] }, 'invalidUrl', 'Source 2: the link must start with http:// or https://.', undefined],
    ['a long rationale', verdictSchema, { rating: 'true', rationale: 'x'.repeat(10_001) }, 'tooLong', 'The rationale is too long: at most 10,000 characters.', { max: 10_000 }],
    ['too many sources', verdictSchema, { rating: 'true', sources: Array.from({ length: 51 }, () => ({ url: 'https://ok.org' })) }, 'tooMany', 'The list of sources has too many entries: at most 50.', { max: 50 }],
    ['a missing rating', verdictSchema, {}, 'required', 'The rating is required.', undefined],
    ['an unknown rating', verdictSchema, { rating: 'pants-on-fire' }, 'invalidChoice', 'The rating must be one of: false, mostly-false, mixed, mostly-true, true, unverifiable.', { options: ['false', 'mostly-false', 'mixed', 'mostly-true', 'true', 'unverifiable'] }],
    ['a short password', registerSchema, { email: 'a@example.org', password: 'short' }, 'tooShort', 'The password is too short: at least 8 characters.', { min: 8 }],
    ['a bad email', registerSchema, { email: 'nope', password: 'long enough' }, 'invalidEmail', 'The email address is not valid: write it like name@example.org.', undefined],
    ['an empty quote', claimCreateSchema, { exact: '' }, 'required', 'The quoted passage is required.', undefined],
    ['a bad date', articleCreateSchema, { text: 'x', publishedAt: 'juillet 2025' }, 'invalidDate', 'The publication date must be a date that exists, written YYYY, YYYY-MM or YYYY-MM-DD, for example 2025-07-14.', undefined],
    ['a bad language', articleCreateSchema, { text: 'x', language: 'français' }, 'invalidLanguage', 'The language must be a language code such as fr or en.', undefined],
    ['a source link on the article', articleCreateSchema, { text: 'x', sourceUrl: 'javascript:alert(1)' }, 'invalidUrl', 'The source link must start with http:// or https://.', undefined],
    ['an unknown field', claimCreateSchema, { exact: 'x', articleId: 'abc' }, 'invalid', '“articleId” is not a field this request accepts.', undefined],
    ['a wrong type', claimCreateSchema, { exact: 42 }, 'invalid', 'The quoted passage must be text.', { expected: 'string' }],
    ['an export format', exportQuerySchema, { format: 'pdf' }, 'invalidChoice', 'The export format must be one of: json, csv, claimreview, w3c.', { options: ['json', 'csv', 'claimreview', 'w3c'] }],
    ['a blank token name', tokenCreateSchema, { name: '  ' }, 'required', 'The name is required.', undefined],
  ])('%s', (_name, schema, input, key, message, params) => {
    const issue = issueOf(schema, input);
    expect(issue.key).toBe(key);
    expect(issue.message).toBe(message);
    expect(issue.params).toEqual(params);
  });

  it('never names a field by its dotted path, and always ends a sentence', () => {
    const inputs: [z.ZodType, unknown][] = [
      [verdictSchema, { rating: 'x', rationale: 5, sources: [{ url: 'bad', stance: 'maybe', quote: 'q'.repeat(2001) }], version: 0 }],
      [articleCreateSchema, { text: 5, title: 'x'.repeat(301), html: '<p>' }],
      [claimCreateSchema, { exact: 'x', start: -1, end: 1.5 }],
    ];
    for (const [schema, input] of inputs) {
      try {
        parseInput(schema, input);
        expect.unreachable();
      } catch (error) {
        const domain = error as DomainError;
        expect(domain.message).not.toMatch(/\w\.\d\./);
        expect(domain.message).not.toMatch(/Invalid value for/);
        for (const issue of domain.issues) {
          expect(issue.message).toMatch(/[.]$/);
          expect(issue.message).not.toMatch(/sources\.\d/);
          expect(issue.key).toEqual(expect.any(String));
        }
      }
    }
  });

  it('several issues: the message says how many, then each in turn', () => {
    try {
      parseInput(registerSchema, { email: 'nope', password: 'short' });
      expect.unreachable();
    } catch (error) {
      expect((error as DomainError).message).toBe(
        '2 fields need correcting. The email address is not valid: write it like name@example.org. The password is too short: at least 8 characters.',
      );
    }
  });
});

// Found by the API fuzz test (tests/unit/api-fuzz.test.ts): a field named after a property
// every object inherits was looked up in the names' table and found there, as a function.
describe('fields named like inherited properties', () => {
  it('are named as written, not looked up on Object.prototype', () => {
    for (const name of ['hasOwnProperty', 'constructor', 'toString', '__proto__', 'valueOf']) {
      expect(fieldLabel([name])).toBe(`“${name}”`);
      expect(fieldLabel(['sources', 0, name])).toBe(`Source 1: “${name}”`);
    }
  });

  it('an ill-formed string under such a key is a 422 naming it, not a 500', () => {
    const error = (() => {
      try {
        parseInput(commentSchema, JSON.parse('{"hasOwnProperty": ["\\ud800"], "constructor": 1}'));
      } catch (e) {
        return e as DomainError;
      }
      throw new Error('expected a refusal');
    })();
    expect(error.status).toBe(422);
    expect(error.issues[0]!.path).toEqual(['hasOwnProperty', 0]);
    expect(error.issues[0]!.message).toMatch(/^“hasOwnProperty” is not well-formed Unicode text/);
  });
});

// Every link people type is http or https, however the scheme is disguised:
// the article's source (on creation and correction), a source's link and its
// archived copy, a link in a rationale.
describe('links are http(s) everywhere', () => {
  const link = (href: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'lien', marks: [{ type: 'link', attrs: { href } }] }] }] });
  const fields: [string, (url: string) => [z.ZodType, unknown], (string | number)[]][] = [
    ['the article’s source', (url) => [articleCreateSchema, { text: 'x', sourceUrl: url }], ['sourceUrl']],
    ['the article’s source, corrected', (url) => [articleUpdateSchema, { version: 1, sourceUrl: url }], ['sourceUrl']],
    ['a source’s link', (url) => [verdictSchema, { rating: 'true', sources: [{ url }] }], ['sources', 0, 'url']],
    ['a source’s archived copy', (url) => [verdictSchema, { rating: 'true', sources: [{ url: 'https://example.org/', archiveUrl: url }] }], ['sources', 0, 'archiveUrl']],
    ['a link in the rationale', (url) => [verdictSchema, { rating: 'true', rationaleDoc: link(url) }], ['rationaleDoc', 'content', 0, 'content', 0, 'marks', 0, 'attrs', 'href']],
  ];
  const refused = [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    '\u0001javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'file:///etc/passwd',
    'ftp://example.org/',
    'mailto:a@example.org',
    'blob:https://example.org/uuid',
    'about:blank',
    '//example.org/no-scheme',
    '/relative/path',
    'https://',
    'http:',
    'https:///',
  ];
  for (const [name, build, path] of fields) {
    it(`${name}: refuses other schemes, disguised or not`, () => {
      for (const url of refused) {
        const [schema, input] = build(url);
        expect(rejectedPaths(schema, input), url).toContainEqual(path);
      }
    });
    it(`${name}: takes http and https`, () => {
      for (const url of ['https://example.org/a?b=1', 'HTTP://EXAMPLE.ORG', ' https://example.org/x ']) {
        const [schema, input] = build(url);
        expect(schema.safeParse(input).success, url).toBe(true);
      }
    });
  }
});

describe('the issues of a refusal', () => {
  const refusal = (schema: z.ZodType, input: unknown): DomainError => {
    try {
      parseInput(schema, input);
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      return error as DomainError;
    }
    throw new Error('expected a refusal');
  };

  it('one issue a field: a cursor far past the limit names its limit once, not two limits that disagree', () => {
    const error = refusal(historyQuerySchema, { cursor: '99999999999999999999999' });
    expect(error.issues.map((i) => i.path)).toEqual([['cursor']]);
    expect(error.message).toBe(error.issues[0]!.message);
    expect(refusal(eventStreamQuerySchema, { lastEventId: 'abc' }).issues).toHaveLength(1);
  });

  it('at most 50 issues listed, the summary counting every field: a body of 60,000 unknown keys is not answered with 60,000', () => {
    const body = Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`k${i}`, 1]));
    const error = refusal(commentSchema, { body: 'x', ...body });
    expect(error.issues).toHaveLength(50);
    expect(error.issues[0]!.path).toEqual(['k0']);
    expect(error.message).toMatch(/^60,000 fields need correcting\. .* And 59,997 more\.$/);
    expect(JSON.stringify(error.issues).length).toBeLessThan(10_000);
  });
});
