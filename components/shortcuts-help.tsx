'use client';
import { useTranslations } from 'next-intl';
import { ModalDialog } from './modal-dialog';
import { SHORTCUTS } from './shortcuts';

/** The `?` dialog: every workspace shortcut, from the same list the key handler uses. */
export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations('workspace.help');
  const common = useTranslations('common');
  const rows: [string, string][] = [
    [t('arrows'), t('keys.caret')],
    [t('shiftArrows'), t('keys.extend')],
    [SHORTCUTS.mark, t('keys.mark')],
    [SHORTCUTS.next, t('keys.next')],
    [SHORTCUTS.previous, t('keys.previous')],
    [SHORTCUTS.open, t('keys.open')],
    [SHORTCUTS.help, t('keys.help')],
    [SHORTCUTS.close, t('keys.close')],
  ];
  return (
    <ModalDialog open={open} title={t('title')} onClose={onClose} testId="shortcuts-help">
      <p className="hint">{t('intro')}</p>
      <table className="shortcuts-table">
        <tbody>
          {rows.map(([key, what]) => (
            <tr key={key}>
              <th scope="row">
                <kbd>{key}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t('stepNote')}</p>
      <div className="modal-actions">
        <button type="button" onClick={onClose} autoFocus>
          {common('close')}
        </button>
      </div>
    </ModalDialog>
  );
}
