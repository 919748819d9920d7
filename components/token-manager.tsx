'use client';
import { useActionState } from 'react';
import { createTokenAction, revokeTokenAction } from '@/app/actions';
import type { TokenInfo } from '@/lib/services/tokens';

/** Personal access tokens for the REST API: created here, shown once, revocable. */
export function TokenManager({ tokens }: { tokens: TokenInfo[] }) {
  const [state, formAction, pending] = useActionState(createTokenAction, {});
  return (
    <section>
      <h2>API tokens</h2>
      <p className="hint">
        Send a token as <code>Authorization: Bearer &lt;token&gt;</code> to use the REST API at <code>/api/v1</code>.
      </p>
      <form action={formAction} className="inline-form">
        <input name="name" placeholder="Token name, e.g. newsroom pipeline" aria-label="Token name" required />
        <button type="submit" disabled={pending}>
          Create token
        </button>
      </form>
      {state.error && <p className="form-error">{state.error}</p>}
      {state.token && (
        <p className="new-token" role="status">
          Copy it now, it will not be shown again: <code data-testid="new-token">{state.token}</code>
        </p>
      )}
      <ul className="token-list">
        {tokens.map((t) => (
          <li key={t.id}>
            <strong>{t.name}</strong> <code>{t.prefix}…</code> created {t.createdAt.slice(0, 10)}
            {t.lastUsedAt && `, last used ${t.lastUsedAt.slice(0, 10)}`}
            {t.revokedAt ? (
              <em> revoked</em>
            ) : (
              <button type="button" className="link-button" onClick={() => revokeTokenAction(t.id)}>
                Revoke
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
