import { describe, expect, it } from 'vitest';
import {
  emptySource,
  hasSourceDetails,
  draftDifferences,
  draftFromVerdict,
  draftKey,
  filledSources,
  emptyDraft,
  parseDraft,
  sameDraft,
  serializeDraft,
  toVerdictInput,
  type VerdictDraft,
} from '@/lib/verdict-draft';
import { docFromPlainText, emptyDoc, type RichTextDoc } from '@/lib/rich-text';

const CONFIRMED = docFromPlainText('Le communiqué le confirme.');
const FORMATTED: RichTextDoc = {
  type: 'doc',
  content: [{ type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Oui', marks: [{ type: 'bold' }] }] }] }] }],
};

const draft: VerdictDraft = {
  rating: 'mostly-true',
  rationaleDoc: CONFIRMED,
  sources: [
    { ...emptySource(), url: ' https://example.org/a ', title: ' Communiqué ' },
    emptySource(),
  ],
};

describe('verdict drafts', () => {
  it('are keyed by reviewer and claim', () => {
    expect(draftKey('u1', 'c1')).not.toBe(draftKey('u2', 'c1'));
    expect(draftKey('u1', 'c1')).not.toBe(draftKey('u1', 'c2'));
  });

  it('round-trip through storage', () => {
    expect(parseDraft(serializeDraft(draft))).toEqual(draft);
    expect(parseDraft(serializeDraft(emptyDraft()))).toEqual(emptyDraft());
    expect(parseDraft(serializeDraft({ ...draft, rationaleDoc: FORMATTED }))?.rationaleDoc).toEqual(FORMATTED);
  });

  it('still load when written before rich text (the rationale as a string)', () => {
    const old = JSON.stringify({ rating: 'mixed', rationale: 'Un.\n\nDeux.', sources: [{ url: '', title: '' }] });
    expect(parseDraft(old)).toEqual({ rating: 'mixed', rationaleDoc: docFromPlainText('Un.\n\nDeux.'), sources: [emptySource()] });
  });

  it('keep a draft over the length limit (to be shortened), but not a document a rationale cannot be', () => {
    const long = { ...draft, rationaleDoc: docFromPlainText('x'.repeat(12_000)) };
    expect(parseDraft(serializeDraft(long))?.rationaleDoc).toEqual(long.rationaleDoc);
    const hostile = { rating: null, rationaleDoc: { type: 'doc', content: [{ type: 'script' }] }, sources: [] };
    expect(parseDraft(JSON.stringify(hostile))).toBeNull();
  });

  it('ignore what is not a draft', () => {
    expect(parseDraft(null)).toBeNull();
    expect(parseDraft('not json')).toBeNull();
    expect(parseDraft('42')).toBeNull();
    expect(parseDraft(JSON.stringify({ rating: 'very-true', rationale: '', sources: [] }))).toBeNull();
    expect(parseDraft(JSON.stringify({ rating: null, rationale: 3, sources: [] }))).toBeNull();
    expect(parseDraft(JSON.stringify({ rating: null, sources: [] }))).toBeNull();
    expect(parseDraft(JSON.stringify({ rating: null, rationale: '', sources: [{ url: 1, title: '' }] }))).toBeNull();
    expect(parseDraft(JSON.stringify({ rating: null, rationale: '', sources: [{ url: '', title: '', stance: 'agrees' }] }))).toBeNull();
    expect(parseDraft(JSON.stringify({ rating: null, rationale: '', sources: [{ url: '', title: '', quote: 7 }] }))).toBeNull();
  });

  it('always offer one source row', () => {
    expect(parseDraft(JSON.stringify({ rating: 'false', rationale: '', sources: [] }))?.sources).toEqual([emptySource()]);
    expect(draftFromVerdict({ rating: 'false', rationale: '', rationaleDoc: null, sources: [] }).sources).toEqual([emptySource()]);
  });

  it('read drafts stored before sources had details', () => {
    const old = JSON.stringify({ rating: 'false', rationale: '', sources: [{ url: 'https://a.example', title: 'A' }] });
    expect(parseDraft(old)?.sources).toEqual([{ ...emptySource(), url: 'https://a.example', title: 'A' }]);
  });

  it('start from the saved verdict', () => {
    const cited = { url: 'https://a.example', title: null, publisher: 'AFP', quote: null, stance: 'refutes' as const, accessedAt: '2025-07-14', archiveUrl: null };
    expect(draftFromVerdict({ rating: 'true', rationale: 'Oui', rationaleDoc: FORMATTED, sources: [cited] })).toEqual({
      rating: 'true',
      rationaleDoc: FORMATTED,
      sources: [{ url: 'https://a.example', title: '', publisher: 'AFP', quote: '', stance: 'refutes', accessedAt: '2025-07-14', archiveUrl: '' }],
    });
    // A verdict without a document (an empty rationale): an empty editor.
    expect(draftFromVerdict({ rating: 'true', rationale: '', rationaleDoc: null, sources: [] }).rationaleDoc).toEqual(emptyDoc());
    expect(draftFromVerdict(null)).toEqual(emptyDraft());
  });

  it('compare by what they would save', () => {
    expect(sameDraft(draft, { ...draft, sources: [{ ...emptySource(), url: 'https://example.org/a', title: 'Communiqué' }] })).toBe(true);
    expect(sameDraft(draft, { ...draft, sources: [{ ...draft.sources[0]!, stance: 'supports' }] })).toBe(false);
    expect(sameDraft(draft, { ...draft, sources: [{ ...draft.sources[0]!, quote: '« Oui »' }] })).toBe(false);
    expect(sameDraft(draft, { ...draft, rating: 'true' })).toBe(false);
    expect(sameDraft(draft, { ...draft, rationaleDoc: docFromPlainText('Autre.') })).toBe(false);
    // The same words, now in bold: another rationale.
    expect(sameDraft(draft, { ...draft, rationaleDoc: FORMATTED })).toBe(false);
  });

  it('name the parts in which they differ, for a conflict to mark them', () => {
    expect(draftDifferences(draft, draft)).toEqual([]);
    expect(draftDifferences(draft, { ...draft, rating: 'false', sources: [emptySource()] })).toEqual(['rating', 'sources']);
    expect(draftDifferences(draft, { ...draft, rationaleDoc: FORMATTED })).toEqual(['rationale']);
    // Spaces around a link and blank rows are not a difference.
    expect(draftDifferences(draft, { ...draft, sources: [{ ...emptySource(), url: 'https://example.org/a', title: 'Communiqué' }] })).toEqual([]);
    expect(filledSources(draft)).toEqual([draft.sources[0]]);
  });

  it('keep the version of the verdict they started from, and refuse one that is not a version', () => {
    expect(parseDraft(serializeDraft({ ...draft, baseVersion: 4 }))).toEqual({ ...draft, baseVersion: 4 });
    expect(parseDraft(serializeDraft({ ...draft, baseVersion: 0 }))?.baseVersion).toBe(0);
    // Drafts stored before the version was kept have none.
    expect(parseDraft(serializeDraft(draft))).not.toHaveProperty('baseVersion');
    for (const bad of [-1, 1.5, '2', null]) {
      expect(parseDraft(JSON.stringify({ rating: null, rationale: '', sources: [], baseVersion: bad }))).toBeNull();
    }
    // Not part of what the draft would save.
    expect(sameDraft(draft, { ...draft, baseVersion: 7 })).toBe(true);
  });

  it('save without blank rows, trimmed, with the version when replacing', () => {
    expect(toVerdictInput(draft, 3)).toEqual({
      rating: 'mostly-true',
      rationaleDoc: CONFIRMED,
      sources: [{ url: 'https://example.org/a', title: 'Communiqué', publisher: null, quote: null, stance: null, accessedAt: null, archiveUrl: null }],
      version: 3,
    });
    const detailed = { ...draft, sources: [{ ...draft.sources[0]!, publisher: ' AFP ', quote: ' « Non » ', stance: 'refutes' as const, accessedAt: '2025-07-14', archiveUrl: 'https://web.archive.org/x' }] };
    expect(toVerdictInput(detailed)?.sources).toEqual([
      { url: 'https://example.org/a', title: 'Communiqué', publisher: 'AFP', quote: '« Non »', stance: 'refutes', accessedAt: '2025-07-14', archiveUrl: 'https://web.archive.org/x' },
    ]);
  });

  it('keep a row with only details (its missing link is the server’s to name)', () => {
    const onlyStance = { ...emptySource(), stance: 'context' as const };
    expect(toVerdictInput({ rating: 'false', rationaleDoc: emptyDoc(), sources: [onlyStance] })?.sources).toHaveLength(1);
    expect(hasSourceDetails(onlyStance)).toBe(true);
    expect(hasSourceDetails({ ...emptySource(), url: 'https://a.example', title: 'A' })).toBe(false);
    expect(toVerdictInput(draft)).not.toHaveProperty('version');
  });

  it('cannot be saved without a rating', () => {
    expect(toVerdictInput(emptyDraft())).toBeNull();
  });
});
