import { describe, expect, it } from 'vitest';
import {
  draftFromVerdict,
  draftKey,
  emptyDraft,
  parseDraft,
  sameDraft,
  serializeDraft,
  toVerdictInput,
  type VerdictDraft,
} from '@/lib/verdict-draft';

const draft: VerdictDraft = {
  rating: 'mostly-true',
  rationale: 'Le communiqué le confirme.',
  sources: [
    { url: ' https://example.org/a ', title: ' Communiqué ' },
    { url: '', title: '' },
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
  });

  it('ignore what is not a draft', () => {
    expect(parseDraft(null)).toBeNull();
    expect(parseDraft('not json')).toBeNull();
    expect(parseDraft('42')).toBeNull();
    expect(parseDraft(JSON.stringify({ rating: 'very-true', rationale: '', sources: [] }))).toBeNull();
    expect(parseDraft(JSON.stringify({ rating: null, rationale: 3, sources: [] }))).toBeNull();
    expect(parseDraft(JSON.stringify({ rating: null, rationale: '', sources: [{ url: 1, title: '' }] }))).toBeNull();
  });

  it('always offer one source row', () => {
    expect(parseDraft(JSON.stringify({ rating: 'false', rationale: '', sources: [] }))?.sources).toEqual([{ url: '', title: '' }]);
    expect(draftFromVerdict({ rating: 'false', rationale: '', sources: [] }).sources).toEqual([{ url: '', title: '' }]);
  });

  it('start from the saved verdict', () => {
    expect(draftFromVerdict({ rating: 'true', rationale: 'Oui.', sources: [{ url: 'https://a.example', title: null }] })).toEqual({
      rating: 'true',
      rationale: 'Oui.',
      sources: [{ url: 'https://a.example', title: '' }],
    });
    expect(draftFromVerdict(null)).toEqual(emptyDraft());
  });

  it('compare by what they would save', () => {
    expect(sameDraft(draft, { ...draft, sources: [{ url: 'https://example.org/a', title: 'Communiqué' }] })).toBe(true);
    expect(sameDraft(draft, { ...draft, rating: 'true' })).toBe(false);
    expect(sameDraft(draft, { ...draft, rationale: 'Autre.' })).toBe(false);
  });

  it('save without blank rows, trimmed, with the version when replacing', () => {
    expect(toVerdictInput(draft, 3)).toEqual({
      rating: 'mostly-true',
      rationale: 'Le communiqué le confirme.',
      sources: [{ url: 'https://example.org/a', title: 'Communiqué' }],
      version: 3,
    });
    expect(toVerdictInput(draft)).not.toHaveProperty('version');
  });

  it('cannot be saved without a rating', () => {
    expect(toVerdictInput(emptyDraft())).toBeNull();
  });
});
