import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { registerAction } from '@/app/actions';
import { AuthForm } from '@/components/auth-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth');
  return { title: t('registerTitle') };
}

export default async function RegisterPage() {
  const t = await getTranslations('auth');
  return (
    <section className="narrow">
      <h1>{t('registerTitle')}</h1>
      <p className="hint">{t('registerHint')}</p>
      <AuthForm
        action={registerAction}
        submitLabel={t('createAccount')}
        fields={[
          { name: 'name', label: t('nameOptional'), type: 'text', autoComplete: 'name', required: false },
          { name: 'email', label: t('email'), type: 'email', autoComplete: 'email' },
          { name: 'password', label: t('newPassword'), type: 'password', autoComplete: 'new-password' },
        ]}
      />
      <p>
        {t('alreadyRegistered')} <Link href="/login">{t('signIn')}</Link>
      </p>
    </section>
  );
}
