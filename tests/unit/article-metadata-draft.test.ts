import { describe, expect, it } from 'vitest';
import { changedFields, draftOf, storedMetadataFrom, updateInput } from '@/lib/articles/metadata-draft';

const stored = { title: 'Les présidents russes', publisher: null, sourceUrl: 'https://example.org/a', publishedAt: '2025-07', language: 'fr', version: 3 };

describe('article metadata drafts', () => {
  it('holds absent details as empty strings', () => {
    expect(draftOf(stored)).toEqual({ title: 'Les présidents russes', publisher: '', sourceUrl: 'https://example.org/a', publishedAt: '2025-07', language: 'fr' });
  });

  it('sends every detail with the version read, emptied ones as null', () => {
    const draft = { ...draftOf(stored), sourceUrl: '  ', publisher: 'Le Monde' };
    expect(updateInput(draft, 3)).toEqual({ title: 'Les présidents russes', publisher: 'Le Monde', sourceUrl: null, publishedAt: '2025-07', language: 'fr', version: 3 });
  });

  it('lists what changed, ignoring surrounding spaces', () => {
    const mine = { ...draftOf(stored), title: 'Un titre corrigé', language: ' fr ' };
    expect(changedFields(draftOf(stored), mine)).toEqual(['title']);
    expect(changedFields(mine, mine)).toEqual([]);
  });

  it('reads the current article from a refused save only when it has the expected shape', () => {
    expect(storedMetadataFrom({ ...stored, text: 'ignored', id: 'a1' })).toEqual(stored);
    expect(storedMetadataFrom({ ...stored, version: '3' })).toBeNull();
    expect(storedMetadataFrom({ ...stored, publisher: 5 })).toBeNull();
    expect(storedMetadataFrom(null)).toBeNull();
    expect(storedMetadataFrom('article')).toBeNull();
  });
});
