import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { loginAction } from '@/app/actions';
import { AuthForm } from '@/components/auth-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth');
  return { title: t('signInTitle') };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const [{ callbackUrl }, t] = await Promise.all([searchParams, getTranslations('auth')]);
  // Only same-site paths, so the sign-in page cannot be used to redirect elsewhere.
  const next = callbackUrl?.startsWith('/') && !callbackUrl.startsWith('//') ? callbackUrl : '/';
  return (
    <section className="narrow">
      <h1>{t('signInTitle')}</h1>
      <AuthForm
        action={loginAction}
        submitLabel={t('signIn')}
        hidden={{ callbackUrl: next }}
        fields={[
          { name: 'email', label: t('email'), type: 'email', autoComplete: 'email' },
          { name: 'password', label: t('password'), type: 'password', autoComplete: 'current-password' },
        ]}
      />
      <p>
        {t('newHere')} <Link href="/register">{t('createAccountLink')}</Link>
      </p>
    </section>
  );
}
