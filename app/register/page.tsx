import Link from 'next/link';
import { registerAction } from '@/app/actions';
import { AuthForm } from '@/components/auth-form';

export const metadata = { title: 'Register' };

export default function RegisterPage() {
  return (
    <section className="narrow">
      <h1>Create an account</h1>
      <p className="hint">The first account on a new Crux becomes its administrator; later accounts are reviewers.</p>
      <AuthForm
        action={registerAction}
        submitLabel="Create account"
        fields={[
          { name: 'name', label: 'Name', type: 'text', autoComplete: 'name', required: false },
          { name: 'email', label: 'Email', type: 'email', autoComplete: 'email' },
          { name: 'password', label: 'Password (8 characters or more)', type: 'password', autoComplete: 'new-password' },
        ]}
      />
      <p>
        Already registered? <Link href="/login">Sign in</Link>
      </p>
    </section>
  );
}
