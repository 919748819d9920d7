'use client';
import { useActionState } from 'react';
import type { FormState } from '@/app/actions';

interface Field {
  name: string;
  label: string;
  type: string;
  autoComplete: string;
  required?: boolean;
}

export function AuthForm({
  action,
  fields,
  submitLabel,
  hidden = {},
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  fields: Field[];
  submitLabel: string;
  hidden?: Record<string, string>;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="auth-form">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {fields.map((f) => (
        <label key={f.name}>
          {f.label}
          <input
            name={f.name}
            type={f.type}
            autoComplete={f.autoComplete}
            required={f.required ?? true}
            defaultValue={f.type === 'password' ? undefined : state.values?.[f.name]}
          />
          {state.fields?.[f.name] && <span className="field-error">{state.fields[f.name]}</span>}
        </label>
      ))}
      {state.error && (
        <p role="alert" className="form-error">
          {state.error}
        </p>
      )}
      <button type="submit" disabled={pending}>
        {pending ? 'Please wait…' : submitLabel}
      </button>
    </form>
  );
}
