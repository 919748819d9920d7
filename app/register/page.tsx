import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { registerAction } from '@/app/actions';
import { AuthForm } from '@/components/auth-form';
import { db } from '@/lib/db/client';
import { formatInstant } from '@/lib/format';
import { registrationTerms } from '@/lib/services/invitations';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth');
  return { title: t('registerTitle') };
}

/**
 * Registration: open to anyone, or by invitation only (lib/invitations). An
 * invitation link (`?invitation=<secret>`) says the role it gives and until
 * when; a link that cannot be used, or its absence when invitations are
 * required, is said before anyone types. The server checks it all again.
 */
export default async function RegisterPage({ searchParams }: { searchParams: Promise<{ invitation?: string | string[] }> }) {
  const [{ invitation }, t, tErrors, nav, locale] = await Promise.all([
    searchParams,
    getTranslations('auth'),
    getTranslations('errors'),
    getTranslations('nav'),
    getLocale(),
  ]);
  const secret = typeof invitation === 'string' && invitation.trim() ? invitation.trim() : null;
  const { mode, access } = await registrationTerms(db(), secret);
  const signIn = (
    <p>
      {t('alreadyRegistered')} <Link href="/login">{t('signIn')}</Link>
    </p>
  );

  if (!access.ok) {
    const refusal = access.refusal === 'invitationRequired' ? tErrors('codes.invitationRequired') : tErrors('codes.invitationUnusable', { reason: access.refusal });
    return (
      <section className="narrow">
        <h1>{t('registerTitle')}</h1>
        <p role="alert" className="notice" data-testid="registration-refused">
          {refusal}
        </p>
        {/* The link did not work, but anyone may register here: say so rather than leave them stuck. */}
        {mode === 'open' && (
          <p>
            <Link href="/register">{t('registerWithoutInvitation')}</Link>
          </p>
        )}
        {signIn}
      </section>
    );
  }

  const invited = access.invitation;
  return (
    <section className="narrow">
      <h1>{t('registerTitle')}</h1>
      <p className="hint" data-testid="registration-terms">
        {invited ? t('invitedHint', { role: nav(`roles.${invited.role}`), date: formatInstant(invited.expiresAt.toISOString(), locale) }) : t('registerHint')}
      </p>
      <AuthForm
        action={registerAction}
        submitLabel={t('createAccount')}
        hidden={invited && secret ? { invitation: secret } : {}}
        fields={[
          { name: 'name', label: t('nameOptional'), type: 'text', autoComplete: 'name', required: false },
          invited?.email
            ? { name: 'email', label: t('email'), type: 'email', autoComplete: 'email', value: invited.email, readOnly: true }
            : { name: 'email', label: t('email'), type: 'email', autoComplete: 'email' },
          { name: 'password', label: t('newPassword'), type: 'password', autoComplete: 'new-password' },
        ]}
      />
      {signIn}
    </section>
  );
}
