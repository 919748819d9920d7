// Zod schemas for every input that crosses the service boundary (REST API and
// server actions alike). Limits keep one request from filling the database.
import { z } from 'zod';
import { RATINGS } from './ratings';
import { invalid, type FieldIssue } from './errors';

export const ROLES = ['admin', 'editor', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];

export const MAX_ARTICLE_CHARS = 200_000;

const trimmed = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email({ message: 'Enter a valid email address.' }).max(254));
export const passwordSchema = z.string().min(8, 'Use at least 8 characters.').max(200, 'Use at most 200 characters.');

export const registerSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: optionalText(100),
});

export const credentialsSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(200),
});

export const userUpsertSchema = registerSchema.extend({ role: z.enum(ROLES) });

/** http(s) only: a source link must open in a browser, never run script. */
export const httpUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
    } catch {
      return false;
    }
  }, 'Must be an http:// or https:// URL.');

const publishedAtSchema = z
  .string()
  .trim()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'Use YYYY, YYYY-MM or YYYY-MM-DD.')
  .nullish()
  .transform((v) => v ?? null);

export const articleCreateSchema = z
  .object({
    title: optionalText(300),
    text: z.string().max(MAX_ARTICLE_CHARS, `At most ${MAX_ARTICLE_CHARS} characters.`).optional(),
    markdown: z.string().optional(),
    html: z.string().optional(),
    sourceUrl: httpUrlSchema.nullish().transform((v) => v ?? null),
    publisher: optionalText(200),
    publishedAt: publishedAtSchema,
    language: z
      .string()
      .trim()
      .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'Use a BCP 47 language tag such as "fr".')
      .nullish()
      .transform((v) => v ?? null),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.markdown !== undefined || value.html !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [value.markdown !== undefined ? 'markdown' : 'html'],
        message: 'Only plain text is supported so far: send the article as "text".',
      });
    } else if (value.text === undefined) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'Send the article as "text".' });
    }
  });
export type ArticleCreateInput = z.output<typeof articleCreateSchema>;

/** Stored texts are NFC; quotes are compared in the same form. */
const nfc = (s: string) => s.normalize('NFC');

export const claimCreateSchema = z
  .object({
    exact: z.string().min(1, 'Select a passage.').max(5000).transform(nfc),
    prefix: z.string().max(200).transform(nfc).optional(),
    suffix: z.string().max(200).transform(nfc).optional(),
    start: z.number().int().min(0).optional(),
    end: z.number().int().min(0).optional(),
    note: optionalText(2000),
  })
  .strict()
  .refine((v) => v.start === undefined || v.end === undefined || v.end > v.start, {
    path: ['end'],
    message: 'end must be greater than start.',
  });
export type ClaimCreateInput = z.output<typeof claimCreateSchema>;

/** PATCH /claims/:id: the note (null or blank clears it), with the version it was read at. */
export const claimUpdateSchema = z
  .object({
    // Required (null clears it): a PATCH without it is a mistake, not a request to erase the note.
    note: z
      .string()
      .trim()
      .max(2000)
      .nullable()
      .transform((v) => (v ? v : null)),
    version: z.number().int().min(1).optional(),
  })
  .strict();
export type ClaimUpdateInput = z.output<typeof claimUpdateSchema>;

export const STANCES = ['supports', 'refutes', 'context'] as const;

export const sourceSchema = z
  .object({
    url: httpUrlSchema,
    title: optionalText(300),
    publisher: optionalText(200),
    quote: optionalText(2000),
    stance: z.enum(STANCES).nullish().transform((v) => v ?? null),
  })
  .strict();
export type SourceInput = z.output<typeof sourceSchema>;

export const verdictSchema = z
  .object({
    rating: z.enum(RATINGS, { message: `Use one of: ${RATINGS.join(', ')}.` }),
    rationale: trimmed(10_000).optional().default(''),
    sources: z.array(sourceSchema).max(50).optional().default([]),
    version: z.number().int().min(1).optional(),
  })
  .strict();
export type VerdictInput = z.output<typeof verdictSchema>;

export const exportQuerySchema = z.object({
  format: z.enum(['json', 'csv']).default('json'),
  scope: z.enum(['reviewed', 'all']).default('reviewed'),
});

export const tokenCreateSchema = z.object({ name: trimmed(100).min(1, 'Name the token.') }).strict();

function toIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: issue.message,
    key: 'invalid' as const,
  }));
}

/** Parses input or throws a 422 DomainError naming each offending field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issues = toIssues(result.error);
    const fields = [...new Set(issues.map((i) => i.path.join('.') || '(body)'))].join(', ');
    throw invalid(`Invalid value for ${fields}.`, issues);
  }
  return result.data;
}
