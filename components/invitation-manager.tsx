'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useRef, useState, useTransition, type FormEvent } from 'react';
import { createInvitationAction, revokeInvitationAction, setRegistrationModeAction } from '@/app/actions';
import { Field } from '@/components/field';
import { FormError } from '@/components/form-error';
import { ConfirmDialog } from '@/components/modal-dialog';
import { useErrorMessage } from '@/components/use-error-message';
import { formatInstant } from '@/lib/format';
import type { LocalizableError } from '@/lib/i18n/error-message';
import { INVITATION_DAYS, INVITATION_DAY_CHOICES, type RegistrationMode } from '@/lib/invitations';
import type { InvitationView } from '@/lib/services/invitations';
import { ROLES, type Role } from '@/lib/permissions';
import './desk.css';

/** Reviewer first: the usual invitation. */
const ROLE_CHOICES: readonly Role[] = [...ROLES].reverse();

/**
 * The admin's side of registration: the open / invitation-only switch, a form
 * that makes an invitation link (shown once, to copy), and the pending
 * invitations, each revocable after a confirmation.
 */
export function InvitationManager({ mode: initialMode, invitations: initial }: { mode: RegistrationMode; invitations: InvitationView[] }) {
  const t = useTranslations('invitations');
  const nav = useTranslations('nav');
  const common = useTranslations('common');
  const locale = useLocale();
  const errors = useErrorMessage();
  const [mode, setMode] = useState(initialMode);
  const [modeError, setModeError] = useState<LocalizableError>();
  const [modeStatus, setModeStatus] = useState('');
  const [switching, startSwitch] = useTransition();

  const [invitations, setInvitations] = useState(initial);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('reviewer');
  const [days, setDays] = useState<number>(INVITATION_DAYS.default);
  const [createError, setCreateError] = useState<LocalizableError>();
  const [created, setCreated] = useState<{ url: string; invitation: InvitationView } | null>(null);
  const [copyStatus, setCopyStatus] = useState('');
  const [creating, startCreate] = useTransition();
  const linkRef = useRef<HTMLInputElement>(null);

  const [confirming, setConfirming] = useState<InvitationView | null>(null);
  const [revokeError, setRevokeError] = useState<LocalizableError>();
  const [listStatus, setListStatus] = useState('');
  const [revoking, startRevoke] = useTransition();

  const network = (): LocalizableError => ({ code: 'network', key: 'network', message: errors.network() });
  const who = (invitation: InvitationView) => invitation.email ?? t('anyone');

  // The new link takes focus, selected: Ctrl+C copies it even where the clipboard API is refused.
  useEffect(() => {
    if (!created) return;
    linkRef.current?.focus();
    linkRef.current?.select();
  }, [created]);

  const switchMode = (next: RegistrationMode) =>
    startSwitch(async () => {
      setModeStatus('');
      try {
        const result = await setRegistrationModeAction({ mode: next });
        if (!result.ok) return setModeError(result.error);
        setModeError(undefined);
        setMode(result.data.mode);
        setModeStatus(result.data.mode === 'invitation' ? t('modeSavedInvitation') : t('modeSavedOpen'));
      } catch {
        setModeError(network());
      }
    });

  const create = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    startCreate(async () => {
      setCopyStatus('');
      try {
        const result = await createInvitationAction({ email, role, expiresInDays: days });
        if (!result.ok) return setCreateError(result.error);
        const { invitation, path } = result.data;
        setCreateError(undefined);
        setCreated({ url: new URL(path, window.location.origin).href, invitation });
        setInvitations((list) => [...list, invitation].sort((a, b) => a.expiresAt.localeCompare(b.expiresAt)));
        setEmail('');
      } catch {
        setCreateError(network());
      }
    });
  };

  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.url);
      setCopyStatus(t('copied'));
    } catch {
      linkRef.current?.select();
      setCopyStatus(t('copyFailed'));
    }
  };

  const revoke = (invitation: InvitationView) =>
    startRevoke(async () => {
      setListStatus('');
      try {
        const result = await revokeInvitationAction(invitation.id);
        // Already used, revoked or expired elsewhere: it is no longer pending either way.
        if (!result.ok && result.error.key !== 'notFound') return setRevokeError(result.error);
        setRevokeError(undefined);
        setConfirming(null);
        setInvitations((list) => list.filter((i) => i.id !== invitation.id));
        if (created?.invitation.id === invitation.id) setCreated(null);
        setListStatus(result.ok ? t('revokedStatus', { who: who(invitation) }) : errors.message(result.error));
      } catch {
        setRevokeError(network());
      }
    });

  const fieldErrors = errors.fields(createError);
  return (
    <section aria-labelledby="registration-title" className="invitations" data-testid="invitations">
      <h2 id="registration-title">{t('title')}</h2>
      <div className="registration-switch">
        <input
          id="registration-mode"
          type="checkbox"
          role="switch"
          checked={mode === 'invitation'}
          disabled={switching}
          aria-describedby="registration-mode-hint"
          data-testid="registration-mode"
          onChange={(e) => switchMode(e.target.checked ? 'invitation' : 'open')}
        />
        <label htmlFor="registration-mode">{t('modeLabel')}</label>
      </div>
      <p className="hint" id="registration-mode-hint">
        {mode === 'invitation' ? t('modeInvitation') : t('modeOpen')}
      </p>
      <p role="status" className="saved" data-testid="registration-mode-status">
        {modeStatus}
      </p>
      <FormError error={modeError} />

      <h3>{t('inviteTitle')}</h3>
      <form onSubmit={create} className="invitation-form" data-testid="invitation-form" noValidate>
        <Field label={t('email')} hint={t('emailHint')} error={fieldErrors.email}>
          {(control) => (
            <input {...control} name="email" type="email" autoComplete="off" maxLength={254} value={email} onChange={(e) => setEmail(e.target.value)} />
          )}
        </Field>
        <Field label={t('role')} hint={t('roleHint')} error={fieldErrors.role}>
          {(control) => (
            <select {...control} name="role" value={role} onChange={(e) => setRole(ROLE_CHOICES.find((r) => r === e.target.value) ?? 'reviewer')}>
              {ROLE_CHOICES.map((r) => (
                <option key={r} value={r}>
                  {nav(`roles.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('expiresIn')} error={fieldErrors.expiresInDays}>
          {(control) => (
            <select {...control} name="expiresInDays" value={days} onChange={(e) => setDays(Number(e.target.value))}>
              {INVITATION_DAY_CHOICES.map((d) => (
                <option key={d} value={d}>
                  {t('days', { count: d })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" disabled={creating}>
          {creating ? t('creating') : t('create')}
        </button>
      </form>
      <FormError error={createError} shown={['email', 'role', 'expiresInDays']} />
      {created && (
        <div className="new-invitation" data-testid="new-invitation">
          <Field
            label={t('newLink')}
            hint={t('newLinkHint', { role: nav(`roles.${created.invitation.role}`), date: formatInstant(created.invitation.expiresAt, locale) })}
          >
            {(control) => <input {...control} ref={linkRef} readOnly value={created.url} data-testid="invitation-link" onFocus={(e) => e.currentTarget.select()} />}
          </Field>
          <button type="button" onClick={() => void copy()} data-testid="invitation-copy">
            {t('copy')}
          </button>
          <p role="status" className="saved" data-testid="invitation-copy-status">
            {copyStatus}
          </p>
        </div>
      )}

      <h3>{t('pendingTitle')}</h3>
      <p role="status" className="saved" data-testid="invitations-status">
        {listStatus}
      </p>
      {invitations.length === 0 ? (
        <p className="hint" data-testid="no-invitations">
          {t('none')}
        </p>
      ) : (
        <ul className="invitation-list" data-testid="invitation-list">
          {invitations.map((invitation) => (
            <li key={invitation.id} data-testid="invitation" data-email={invitation.email ?? ''}>
              <span>
                <strong>{who(invitation)}</strong> <span className="role">{nav(`roles.${invitation.role}`)}</span>
                <br />
                <span className="meta">
                  {t('expires', { date: formatInstant(invitation.expiresAt, locale) })}
                  {invitation.createdBy && ` · ${t('createdBy', { name: invitation.createdBy.name ?? t('noName') })}`}
                </span>
              </span>
              <button
                type="button"
                className="secondary"
                disabled={revoking}
                aria-label={t('revokeNamed', { who: who(invitation) })}
                data-testid="invitation-revoke"
                onClick={() => {
                  setRevokeError(undefined);
                  setConfirming(invitation);
                }}
              >
                {t('revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={confirming !== null}
        title={confirming ? t('confirmRevokeTitle', { who: who(confirming) }) : ''}
        onClose={() => setConfirming(null)}
        testId="invitation-confirm"
        error={revokeError ? errors.message(revokeError) : null}
        busy={revoking}
        cancelLabel={common('cancel')}
        confirmLabel={t('revoke')}
        busyLabel={t('revoking')}
        onConfirm={() => confirming && revoke(confirming)}
      >
        <p>{t('confirmRevoke')}</p>
      </ConfirmDialog>
    </section>
  );
}
