'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useActionState, useState, useTransition } from 'react';
import { createTokenAction, revokeTokenAction } from '@/app/actions';
import { Field } from '@/components/field';
import { FormError } from '@/components/form-error';
import { useErrorMessage } from '@/components/use-error-message';
import { formatDay } from '@/lib/format';
import type { LocalizableError } from '@/lib/i18n/error-message';
import type { TokenInfo } from '@/lib/services/tokens';

/** Personal access tokens for the REST API: created here, shown once, revocable. */
export function TokenManager({ tokens }: { tokens: TokenInfo[] }) {
  const t = useTranslations('settings');
  const locale = useLocale();
  const errors = useErrorMessage();
  const [state, formAction, pending] = useActionState(createTokenAction, {});
  const [revokeError, setRevokeError] = useState<LocalizableError>();
  const [revoking, startRevoke] = useTransition();
  const revoke = (tokenId: string) =>
    startRevoke(async () => {
      try {
        const result = await revokeTokenAction(tokenId);
        setRevokeError(result.ok ? undefined : result.error);
      } catch {
        setRevokeError({ code: 'network', key: 'network', message: errors.network() });
      }
    });
  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t('tokens')}</h2>
      <p className="hint">
        {t.rich('tokensHint', {
          header: `Authorization: Bearer <${t('tokenPlaceholder')}>`,
          path: '/api/v1',
          code: (chunks) => <code>{chunks}</code>,
        })}
      </p>
      <form action={formAction} className="inline-form">
        <Field label={t('tokenName')} error={errors.fields(state.error).name}>
          {(control) => <input {...control} name="name" placeholder={t('tokenNamePlaceholder')} required maxLength={100} />}
        </Field>
        <button type="submit" disabled={pending}>
          {pending ? t('creating') : t('createToken')}
        </button>
      </form>
      <FormError error={state.error} shown={['name']} />
      {state.token && (
        <p className="new-token" role="status">
          {t('newToken')} <code data-testid="new-token">{state.token}</code>
        </p>
      )}
      <FormError error={revokeError} />
      {tokens.length === 0 ? (
        <p className="hint">{t('noTokens')}</p>
      ) : (
        <ul className="token-list">
          {tokens.map((token) => (
            <li key={token.id}>
              <strong>{token.name}</strong> <code>{token.prefix}…</code>{' '}
              <span className="meta">
                {t('created', { date: formatDay(token.createdAt, locale) })}
                {token.lastUsedAt && `, ${t('lastUsed', { date: formatDay(token.lastUsedAt, locale) })}`}
              </span>
              {token.revokedAt ? (
                <em className="revoked"> {t('revoked')}</em>
              ) : (
                <button type="button" className="link-button" disabled={revoking} aria-label={t('revokeNamed', { name: token.name })} onClick={() => revoke(token.id)}>
                  {t('revoke')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
