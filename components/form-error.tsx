'use client';
import type { LocalizableError } from '@/lib/i18n/error-message';
import { useErrorMessage } from '@/components/use-error-message';

/**
 * A refused form's message, announced: the error in words, then each issue the
 * form cannot show beside one of its own fields (`shown`), with the field named.
 */
export function FormError({ error, shown = [] }: { error: LocalizableError | undefined; shown?: readonly string[] }) {
  const errors = useErrorMessage();
  if (!error) return null;
  const elsewhere = (error.issues ?? []).filter((issue) => !shown.includes(issue.path.join('.')));
  return (
    <div role="alert" className="form-error">
      <p>{errors.message(error)}</p>
      {elsewhere.length > 0 && (
        <ul>
          {elsewhere.map((issue) => (
            <li key={issue.path.join('.')}>{errors.describe(issue)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
