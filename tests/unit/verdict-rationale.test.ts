// A verdict's rationale as rich text, through the service layer on real SQLite:
// stored as its document and its plain text, hostile documents refused with a
// 422 naming the field, legacy plain rationales still read, blind review and
// the exports applying to the document as to the text.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../lib/export/archive-schema';
import { docFromPlainText, type RichTextDoc } from '../../lib/rich-text';
import { createArticle, type ArticleDetail } from '../../lib/services/articles';
import { createClaim, getClaim } from '../../lib/services/claims';
import type { Actor } from '../../lib/services/context';
import { exportArticle } from '../../lib/services/exports';
import { buildArticleExport } from './support/exports';
import { upsertVerdict } from '../../lib/services/verdicts';
import { ctxFor, expectDomainError, makeUser, useDatabase } from './support/database';

const formatted: RichTextDoc = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Chiffre ' },
        { type: 'text', text: 'faux', marks: [{ type: 'bold' }] },
        { type: 'text', text: ' : voir ' },
        { type: 'text', text: 'l’Insee', marks: [{ type: 'link', attrs: { href: 'https://www.insee.fr/' } }] },
      ],
    },
    { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'baisse de 0,3 point' }] }] }] },
  ],
};
const FORMATTED_TEXT = 'Chiffre faux : voir l’Insee (https://www.insee.fr/)\n\n- baisse de 0,3 point';

describe('verdict rationales as rich text', () => {
  const t = useDatabase();
  let editor: Actor;
  let rita: Actor;
  let remi: Actor;
  let article: ArticleDetail;
  let n = 0;

  beforeAll(async () => {
    editor = await makeUser(t.db, 'editor', 'Édith');
    rita = await makeUser(t.db, 'reviewer', 'Rita');
    remi = await makeUser(t.db, 'reviewer', 'Rémi');
    const text = Array.from({ length: 30 }, (_, i) => `Affirmation numéro ${i} du texte.`).join(' ');
    article = await createArticle(ctxFor(t.db, editor), { text }); // blind review on, the default
  });

  const freshClaim = async () => (await createClaim(ctxFor(t.db, editor), article.id, { exact: `Affirmation numéro ${n++} du texte` })).id;

  it('stores the document and derives the plain text from it; a rationale sent alongside is ignored', async () => {
    const claimId = await freshClaim();
    const { verdict } = await upsertVerdict(ctxFor(t.db, rita), claimId, { rating: 'false', rationaleDoc: formatted, rationale: 'something else' });
    expect(verdict.rationaleDoc).toEqual(formatted);
    expect(verdict.rationale).toBe(FORMATTED_TEXT);
    const row = await t.db.verdict.findUniqueOrThrow({ where: { id: verdict.id } });
    expect(JSON.parse(row.rationaleDoc!)).toEqual(formatted);
    expect(row.rationale).toBe(FORMATTED_TEXT);
    // Read back through the claim, the same document.
    expect((await getClaim(ctxFor(t.db, rita), claimId)).verdicts[0]!.rationaleDoc).toEqual(formatted);
  });

  it('builds the document from a plain rationale sent alone (API clients without an editor)', async () => {
    const claimId = await freshClaim();
    const { verdict } = await upsertVerdict(ctxFor(t.db, rita), claimId, { rating: 'mixed', rationale: '  Premier point.\n\nSecond point.  ' });
    expect(verdict.rationale).toBe('Premier point.\n\nSecond point.');
    expect(verdict.rationaleDoc).toEqual(docFromPlainText('Premier point.\n\nSecond point.'));
  });

  it('an empty rationale stores no document', async () => {
    const claimId = await freshClaim();
    const { verdict } = await upsertVerdict(ctxFor(t.db, rita), claimId, { rating: 'true', rationaleDoc: { type: 'doc', content: [{ type: 'paragraph' }] } });
    expect(verdict).toMatchObject({ rationale: '', rationaleDoc: null });
    expect((await t.db.verdict.findUniqueOrThrow({ where: { id: verdict.id } })).rationaleDoc).toBeNull();
  });

  it('a verdict written before rich text (no document) reads with a document built from its text', async () => {
    const claimId = await freshClaim();
    const { verdict } = await upsertVerdict(ctxFor(t.db, rita), claimId, { rating: 'true', rationale: 'Ancien texte.' });
    await t.db.verdict.update({ where: { id: verdict.id }, data: { rationaleDoc: null } });
    const read = (await getClaim(ctxFor(t.db, rita), claimId)).verdicts[0]!;
    expect(read).toMatchObject({ rationale: 'Ancien texte.', rationaleDoc: docFromPlainText('Ancien texte.') });
  });

  const deep = () => {
    let node: unknown = { type: 'paragraph', content: [{ type: 'text', text: 'x' }] };
    for (let i = 0; i < 10_000; i += 1) node = { type: 'blockquote', content: [node] };
    return { type: 'doc', content: [node] };
  };

  it.each<[string, () => unknown, RegExp]>([
    ['a javascript: link', () => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] }), /link in the rationale must start with http/],
    ['an unknown node type', () => ({ type: 'doc', content: [{ type: 'image', attrs: { src: 'https://x.org/a.png' } }] }), /“image”/],
    ['a style attribute', () => ({ type: 'doc', content: [{ type: 'paragraph', attrs: { style: 'position:fixed' }, content: [{ type: 'text', text: 'x' }] }] }), /cannot carry “attrs”/],
    ['10,000-deep nesting', deep, /nested too deeply/],
    ['more than 10,000 characters', () => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x'.repeat(10_001) }] }] }), /too long|at most 10,000/],
    ['a string of HTML', () => '<p onclick="alert(1)">x</p>', /rationale/],
  ])('refuses %s with a 422 naming the rationale, and stores nothing', async (_name, doc, message) => {
    const claimId = await freshClaim();
    const error = await expectDomainError(upsertVerdict(ctxFor(t.db, rita), claimId, { rating: 'false', rationaleDoc: doc() }), 422);
    expect(error.issues.length).toBeGreaterThan(0);
    for (const issue of error.issues) expect(issue.path[0]).toBe('rationaleDoc');
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/rationale/i);
    expect(await t.db.verdict.count({ where: { claimId } })).toBe(0);
  });

  // Characters are counted as the API counts them everywhere (code points, as JSON Schema's
  // maxLength does): an emoji is one. The document built from a plain rationale is held to the
  // same limits as one sent as a document; beyond them, a 422 naming the rationale, not a 500.
  it('a plain rationale of 6,000 emoji (12,000 UTF-16 units) is within the 10,000 characters, stored and read back', async () => {
    const claimId = await freshClaim();
    const rationale = '😀'.repeat(6_000);
    const { verdict } = await upsertVerdict(ctxFor(t.db, rita), claimId, { rating: 'true', rationale });
    expect(verdict.rationale).toBe(rationale);
    expect((await getClaim(ctxFor(t.db, rita), claimId)).verdicts[0]!.rationale).toBe(rationale);
  });

  it('the same 10,000-character limit holds for a document: 10,000 emoji pass, 10,001 are refused', async () => {
    const doc = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
    const claimId = await freshClaim();
    const { verdict } = await upsertVerdict(ctxFor(t.db, rita), claimId, { rating: 'true', rationaleDoc: doc('😀'.repeat(10_000)) });
    expect(verdict.rationale).toHaveLength(20_000);
    const refused = await expectDomainError(upsertVerdict(ctxFor(t.db, remi), claimId, { rating: 'true', rationaleDoc: doc('😀'.repeat(10_001)) }), 422);
    expect(refused.message).toMatch(/at most 10,000 characters/);
  });

  it.each([
    ['2,501 one-letter paragraphs', 'a\n\n'.repeat(2_500) + 'a'],
    ['3,000 one-letter lines', 'a\n'.repeat(3_000) + 'a'],
  ])('a plain rationale whose document would have too many parts (%s) is refused with a 422 naming the rationale, and stores nothing', async (_name, rationale) => {
    const claimId = await freshClaim();
    const error = await expectDomainError(upsertVerdict(ctxFor(t.db, rita), claimId, { rating: 'false', rationale }), 422);
    expect(error.issues.map((issue) => issue.path[0])).toEqual(['rationale']);
    expect(error.message).toMatch(/too many parts: at most 5,000/);
    expect(await t.db.verdict.count({ where: { claimId } })).toBe(0);
  });

  it('blind review hides the document as it hides the text; once revealed, the other reviewer reads it', async () => {
    const claimId = await freshClaim();
    await upsertVerdict(ctxFor(t.db, rita), claimId, { rating: 'false', rationaleDoc: formatted });
    const blind = await getClaim(ctxFor(t.db, remi), claimId);
    expect(blind.verdicts).toEqual([]);
    expect(JSON.stringify(blind)).not.toContain('Insee');
    const blindExport = await buildArticleExport(ctxFor(t.db, remi), article.id, 'all');
    expect(JSON.stringify(blindExport)).not.toContain('insee.fr');

    await upsertVerdict(ctxFor(t.db, remi), claimId, { rating: 'mostly-false', rationale: 'Mon avis.' });
    const revealed = await getClaim(ctxFor(t.db, remi), claimId);
    expect(revealed.verdicts.find((v) => v.reviewer.id === rita.id)?.rationaleDoc).toEqual(formatted);
  });

  it('exports: JSON carries the document and the plain text; CSV, a row per claim, neither', async () => {
    const claimId = await freshClaim();
    await upsertVerdict(ctxFor(t.db, rita), claimId, { rating: 'false', rationaleDoc: formatted });
    const json = (JSON.parse((await exportArticle(ctxFor(t.db, editor), article.id, { format: 'json', scope: 'all' })).body) as Archive).articles[0]!;
    const exported = json.claims.find((c) => c.id === claimId)!.verdicts[0]!;
    expect(exported).toMatchObject({ rationale: FORMATTED_TEXT, rationaleDoc: formatted });
    const csv = (await exportArticle(ctxFor(t.db, editor), article.id, { format: 'csv', scope: 'all' })).body;
    expect(csv).toContain(claimId);
    expect(csv).not.toContain('Chiffre faux');
    expect(csv).not.toContain('"type"');
  });
});
