'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { endUserSessionsAction, updateUserAction } from '@/app/actions';
import { FormError } from '@/components/form-error';
import { ModalDialog } from '@/components/modal-dialog';
import { useErrorMessage } from '@/components/use-error-message';
import { formatDay } from '@/lib/format';
import type { LocalizableError } from '@/lib/i18n/error-message';
import type { UserView } from '@/lib/services/users';
import { ROLES, type Role } from '@/lib/permissions';
import './desk.css';

/**
 * The people table: roles change on selection, (de)activation after a
 * confirmation. One's own row is read-only, as the server insists.
 */
export function PeopleManager({ users: initial, selfId }: { users: UserView[]; selfId: string }) {
  const t = useTranslations('people');
  const nav = useTranslations('nav');
  const common = useTranslations('common');
  const locale = useLocale();
  const errors = useErrorMessage();
  const [users, setUsers] = useState(initial);
  const [error, setError] = useState<LocalizableError>();
  const [status, setStatus] = useState('');
  const [confirming, setConfirming] = useState<UserView | null>(null);
  const [signingOut, setSigningOut] = useState<UserView | null>(null);
  const [pending, start] = useTransition();

  const nameOf = (u: UserView) => u.name ?? u.email ?? t('noName');
  const update = (user: UserView, input: { role?: Role; active?: boolean }) =>
    start(async () => {
      setStatus('');
      try {
        const result = await updateUserAction(user.id, input);
        if (!result.ok) return setError(result.error);
        setError(undefined);
        setUsers((list) => list.map((u) => (u.id === user.id ? result.data : u)));
        setStatus(t('saved', { name: nameOf(result.data) }));
      } catch {
        setError({ code: 'network', key: 'network', message: errors.network() });
      }
    });

  /** Every browser signed in to this account is signed out at once (their tokens stay). */
  const signOut = (user: UserView) =>
    start(async () => {
      setStatus('');
      try {
        const result = await endUserSessionsAction(user.id);
        if (!result.ok) return setError(result.error);
        setError(undefined);
        setStatus(t('signedOut', { name: nameOf(user), count: result.data.ended }));
      } catch {
        setError({ code: 'network', key: 'network', message: errors.network() });
      }
    });

  return (
    <>
      <FormError error={error} />
      <p role="status" className="saved" data-testid="people-status">
        {status}
      </p>
      <table className="people-table" data-testid="people-table">
        <thead>
          <tr>
            <th scope="col">{t('name')}</th>
            <th scope="col">{t('email')}</th>
            <th scope="col">{t('role')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('created')}</th>
            <th scope="col">{t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => {
            const self = user.id === selfId;
            const name = nameOf(user);
            return (
              <tr key={user.id} className={user.active ? undefined : 'inactive'} data-testid="person" data-email={user.email}>
                <th scope="row">
                  {name} {self && <span className="meta">{t('you')}</span>}
                </th>
                <td data-label={t('email')}>{user.email}</td>
                <td data-label={t('role')}>
                  <select
                    aria-label={t('roleOf', { name })}
                    value={user.role}
                    disabled={self || pending}
                    aria-describedby={self ? 'own-account' : undefined}
                    data-testid="person-role"
                    onChange={(e) => {
                      const role = ROLES.find((r) => r === e.target.value);
                      if (role) update(user, { role });
                    }}
                  >
                    {ROLES.map((role) => (
                      <option key={role} value={role}>
                        {nav(`roles.${role}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td data-label={t('status')} data-testid="person-status">
                  {user.active ? t('active') : t('inactive')}
                </td>
                <td data-label={t('created')}>{user.createdAt ? formatDay(user.createdAt, locale) : ''}</td>
                <td data-label={t('actions')}>
                  {self ? (
                    <span className="hint" id="own-account">
                      {t('ownAccount')}
                    </span>
                  ) : (
                    <span className="person-actions">
                      <button type="button" disabled={pending} data-testid="person-toggle" aria-label={user.active ? t('deactivateNamed', { name }) : t('reactivateNamed', { name })} onClick={() => setConfirming(user)}>
                        {user.active ? t('deactivate') : t('reactivate')}
                      </button>
                      {user.active && (
                        <button type="button" disabled={pending} data-testid="person-sign-out" aria-label={t('signOutNamed', { name })} onClick={() => setSigningOut(user)}>
                          {t('signOut')}
                        </button>
                      )}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ModalDialog
        open={confirming !== null}
        title={confirming ? (confirming.active ? t('confirmDeactivateTitle', { name: nameOf(confirming) }) : t('confirmReactivateTitle', { name: nameOf(confirming) })) : ''}
        onClose={() => setConfirming(null)}
        testId="person-confirm"
      >
        {confirming && (
          <>
            <p>{confirming.active ? t('confirmDeactivate', { name: nameOf(confirming) }) : t('confirmReactivate', { name: nameOf(confirming) })}</p>
            <div className="modal-actions">
              <button type="button" className="link-button" onClick={() => setConfirming(null)}>
                {common('cancel')}
              </button>
              <button
                type="button"
                data-testid="person-confirm-button"
                onClick={() => {
                  const user = confirming;
                  setConfirming(null);
                  update(user, { active: !user.active });
                }}
              >
                {t('confirm')}
              </button>
            </div>
          </>
        )}
      </ModalDialog>
      <ModalDialog open={signingOut !== null} title={signingOut ? t('confirmSignOutTitle', { name: nameOf(signingOut) }) : ''} onClose={() => setSigningOut(null)} testId="person-sign-out-confirm">
        {signingOut && (
          <>
            <p>{t('confirmSignOut', { name: nameOf(signingOut) })}</p>
            <div className="modal-actions">
              <button type="button" className="link-button" onClick={() => setSigningOut(null)}>
                {common('cancel')}
              </button>
              <button
                type="button"
                data-testid="person-sign-out-button"
                onClick={() => {
                  const user = signingOut;
                  setSigningOut(null);
                  signOut(user);
                }}
              >
                {t('confirm')}
              </button>
            </div>
          </>
        )}
      </ModalDialog>
    </>
  );
}
