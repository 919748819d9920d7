'use client';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import type { FormState } from '@/app/actions';
import { Field } from '@/components/field';
import { FormError } from '@/components/form-error';
import { useErrorMessage } from '@/components/use-error-message';

interface AuthField {
  name: string;
  label: string;
  type: string;
  autoComplete: string;
  required?: boolean;
  /** A value given by the page (an invitation's email address), shown read-only when `readOnly`. */
  value?: string;
  readOnly?: boolean;
}

export function AuthForm({
  action,
  fields,
  submitLabel,
  hidden = {},
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  fields: AuthField[];
  submitLabel: string;
  hidden?: Record<string, string>;
}) {
  const t = useTranslations('auth');
  const errors = useErrorMessage();
  const [state, formAction, pending] = useActionState(action, {});
  const fieldErrors = errors.fields(state.error);
  return (
    <form action={formAction} className="auth-form">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {fields.map((f) => (
        <Field key={f.name} label={f.label} error={fieldErrors[f.name]}>
          {(control) => (
            <input
              {...control}
              name={f.name}
              type={f.type}
              autoComplete={f.autoComplete}
              required={f.required ?? true}
              readOnly={f.readOnly}
              defaultValue={f.type === 'password' ? undefined : (state.values?.[f.name] ?? f.value)}
            />
          )}
        </Field>
      ))}
      <FormError error={state.error} shown={fields.map((f) => f.name)} />
      <button type="submit" disabled={pending}>
        {pending ? t('pleaseWait') : submitLabel}
      </button>
    </form>
  );
}
