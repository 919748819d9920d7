'use client';
import { useActionState } from 'react';
import { createArticleAction } from '@/app/actions';

/** Paste an article as plain text; a leading `date YYYY-MM[-DD]` line becomes its date. */
export function ArticleForm() {
  const [state, formAction, pending] = useActionState(createArticleAction, {});
  const value = (field: string) => state.values?.[field];
  const error = (field: string) => state.fields?.[field] && <span className="field-error">{state.fields[field]}</span>;
  return (
    <form action={formAction} className="article-form">
      <label>
        Title (optional: derived from the first sentence)
        <input name="title" type="text" defaultValue={value('title')} />
        {error('title')}
      </label>
      <label>
        Text
        <textarea name="text" rows={16} required defaultValue={value('text')} placeholder={'date 2025-07 Le texte de l’article…\n\nUn paragraphe par bloc, séparés par une ligne vide.'} />
        {error('text')}
      </label>
      <div className="form-grid">
        <label>
          Publisher
          <input name="publisher" type="text" defaultValue={value('publisher')} />
          {error('publisher')}
        </label>
        <label>
          Source URL
          <input name="sourceUrl" type="url" placeholder="https://…" defaultValue={value('sourceUrl')} />
          {error('sourceUrl')}
        </label>
        <label>
          Published (YYYY-MM-DD, optional)
          <input name="publishedAt" type="text" pattern="\d{4}(-\d{2}(-\d{2})?)?" defaultValue={value('publishedAt')} />
          {error('publishedAt')}
        </label>
        <label>
          Language
          <input name="language" type="text" defaultValue={value('language') ?? 'fr'} />
          {error('language')}
        </label>
      </div>
      {state.error && (
        <p role="alert" className="form-error">
          {state.error}
        </p>
      )}
      <button type="submit" disabled={pending}>
        {pending ? 'Importing…' : 'Import article'}
      </button>
    </form>
  );
}
