import Link from 'next/link';
import { loginAction } from '@/app/actions';
import { AuthForm } from '@/components/auth-form';

export const metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  // Only same-site paths, so the sign-in page cannot be used to redirect elsewhere.
  const next = callbackUrl?.startsWith('/') && !callbackUrl.startsWith('//') ? callbackUrl : '/';
  return (
    <section className="narrow">
      <h1>Sign in</h1>
      <AuthForm
        action={loginAction}
        submitLabel="Sign in"
        hidden={{ callbackUrl: next }}
        fields={[
          { name: 'email', label: 'Email', type: 'email', autoComplete: 'email' },
          { name: 'password', label: 'Password', type: 'password', autoComplete: 'current-password' },
        ]}
      />
      <p>
        New here? <Link href="/register">Create an account</Link>
      </p>
    </section>
  );
}
