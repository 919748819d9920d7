'use client';
import { useState } from 'react';
import { ratingLabel } from '@/lib/format';
import { RATINGS, type Rating } from '@/lib/ratings';
import type { VerdictView } from '@/lib/services/claims';
import type { FieldIssue } from '@/lib/errors';

interface SourceRow {
  url: string;
  title: string;
}

export interface VerdictDraft {
  rating: Rating;
  rationale: string;
  sources: { url: string; title: string | null }[];
  version?: number;
}

const emptyRow = (): SourceRow => ({ url: '', title: '' });

/** The reviewer's own verdict: rating, rationale and sources (http/https links). */
export function VerdictForm({
  own,
  language,
  onSave,
}: {
  own: VerdictView | null;
  language: string;
  onSave: (draft: VerdictDraft) => Promise<{ message: string; issues: FieldIssue[] } | null>;
}) {
  const [rating, setRating] = useState<Rating | null>(own?.rating ?? null);
  const [rationale, setRationale] = useState(own?.rationale ?? '');
  const [sources, setSources] = useState<SourceRow[]>(
    own && own.sources.length > 0 ? own.sources.map((s) => ({ url: s.url, title: s.title ?? '' })) : [emptyRow()],
  );
  const [error, setError] = useState<{ message: string; issues: FieldIssue[] } | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  const updateSource = (index: number, patch: Partial<SourceRow>) =>
    setSources((rows) => rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!rating) {
      setError({ message: 'Choose a rating.', issues: [{ path: ['rating'], message: 'Choose a rating.', key: 'required' }] });
      return;
    }
    setSaving(true);
    setSaved(false);
    const draft: VerdictDraft = {
      rating,
      rationale,
      // Rows left blank are not sources.
      sources: sources.filter((s) => s.url.trim() || s.title.trim()).map((s) => ({ url: s.url.trim(), title: s.title.trim() || null })),
      ...(own ? { version: own.version } : {}),
    };
    const failure = await onSave(draft);
    setSaving(false);
    setError(failure);
    setSaved(!failure);
  }

  const issueFor = (prefix: string) => error?.issues.find((i) => i.path.join('.').startsWith(prefix))?.message;

  return (
    <form className="verdict-form" onSubmit={submit} data-testid="verdict-form">
      <fieldset>
        <legend>Verdict</legend>
        <div className="rating-options">
          {RATINGS.map((r) => (
            <label key={r} className={`rating-option rating-${r}`}>
              <input type="radio" name="rating" value={r} checked={rating === r} onChange={() => setRating(r)} />
              {ratingLabel(r, language)}
            </label>
          ))}
        </div>
        {issueFor('rating') && <span className="field-error">{issueFor('rating')}</span>}
      </fieldset>
      <label>
        Rationale
        <textarea name="rationale" rows={4} value={rationale} onChange={(e) => setRationale(e.target.value)} placeholder="Why this verdict? What do the sources show?" />
      </label>
      <fieldset className="sources">
        <legend>Sources</legend>
        {sources.map((source, index) => (
          <div className="source-row" key={index}>
            <input
              type="url"
              aria-label={`Source ${index + 1} URL`}
              placeholder="https://…"
              value={source.url}
              onChange={(e) => updateSource(index, { url: e.target.value })}
            />
            <input
              type="text"
              aria-label={`Source ${index + 1} title`}
              placeholder="Title"
              value={source.title}
              onChange={(e) => updateSource(index, { title: e.target.value })}
            />
            {sources.length > 1 && (
              <button type="button" className="link-button" onClick={() => setSources((rows) => rows.filter((_, i) => i !== index))}>
                Remove
              </button>
            )}
            {issueFor(`sources.${index}`) && <span className="field-error">{issueFor(`sources.${index}`)}</span>}
          </div>
        ))}
        <button type="button" className="link-button" onClick={() => setSources((rows) => [...rows, emptyRow()])}>
          + Add a source
        </button>
      </fieldset>
      {error && (
        <p role="alert" className="form-error">
          {error.message}
        </p>
      )}
      <button type="submit" disabled={saving}>
        {saving ? 'Saving…' : own ? 'Update verdict' : 'Save verdict'}
      </button>
      {saved && (
        <span className="saved" role="status">
          Saved
        </span>
      )}
    </form>
  );
}
