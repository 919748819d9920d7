'use client';
import { useTranslations } from 'next-intl';
import { useActionState, useState, useTransition } from 'react';
import { changePasswordAction, signOutEverywhereAction } from '@/app/actions';
import { Field } from '@/components/field';
import { FormError } from '@/components/form-error';
import { useErrorMessage } from '@/components/use-error-message';
import type { LocalizableError } from '@/lib/i18n/error-message';

/** Settings: a new password (which ends every other session), and "sign out everywhere". `passwordChanged`: just done (the page's address says so). */
export function AccountSecurity({ passwordChanged = false }: { passwordChanged?: boolean }) {
  const t = useTranslations('settings');
  const errors = useErrorMessage();
  const [state, formAction, pending] = useActionState(changePasswordAction, {});
  const fieldErrors = errors.fields(state.error);
  const [signOutError, setSignOutError] = useState<LocalizableError>();
  const [signingOut, startSignOut] = useTransition();
  const signOutEverywhere = () =>
    startSignOut(async () => {
      try {
        const result = await signOutEverywhereAction();
        if (!result.ok) setSignOutError(result.error);
      } catch (error) {
        // The action ends by redirecting to the sign-in page; anything else is the network.
        if (!(error instanceof Error && error.message === 'NEXT_REDIRECT')) setSignOutError({ code: 'network', key: 'network', message: errors.network() });
      }
    });
  return (
    <>
      <section aria-labelledby="password-title">
        <h2 id="password-title">{t('password')}</h2>
        <p className="hint">{t('passwordHint')}</p>
        <form action={formAction} className="auth-form" data-testid="password-form">
          <Field label={t('currentPassword')} error={fieldErrors.currentPassword}>
            {(control) => <input {...control} name="currentPassword" type="password" autoComplete="current-password" required />}
          </Field>
          <Field label={t('newPassword')} error={fieldErrors.newPassword}>
            {(control) => <input {...control} name="newPassword" type="password" autoComplete="new-password" required minLength={8} maxLength={200} />}
          </Field>
          <FormError error={state.error} shown={['currentPassword', 'newPassword']} />
          {passwordChanged && !state.error && (
            <p role="status" className="saved" data-testid="password-changed">
              {t('passwordChanged')}
            </p>
          )}
          <button type="submit" disabled={pending}>
            {pending ? t('changing') : t('changePassword')}
          </button>
        </form>
      </section>
      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t('sessions')}</h2>
        <p className="hint">{t('sessionsHint')}</p>
        <FormError error={signOutError} />
        <button type="button" onClick={signOutEverywhere} disabled={signingOut} data-testid="sign-out-everywhere">
          {t('signOutEverywhere')}
        </button>
      </section>
    </>
  );
}
