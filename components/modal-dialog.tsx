'use client';
import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A native modal <dialog>: the browser traps focus, closes it on Escape and
 * gives focus back to what had it before, so keyboard users land where they were.
 */
export function ModalDialog({
  open,
  title,
  onClose,
  children,
  testId,
  className,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
  className?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={`modal ${className ?? ''}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onClose={onClose}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its content) closes it.
        if (event.target === ref.current) onClose();
      }}
    >
      {open && (
        <div className="modal-body">
          <h2 id={titleId}>{title}</h2>
          {children}
        </div>
      )}
    </dialog>
  );
}

/**
 * A question before something that cannot be taken back (deleting, withdrawing):
 * what will happen, why it failed if it did, and Cancel — focused first, so
 * Enter never confirms by accident — beside the confirming button.
 */
export function ConfirmDialog({
  open,
  title,
  onClose,
  testId,
  children,
  error,
  busy,
  cancelLabel,
  confirmLabel,
  busyLabel,
  onConfirm,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  testId: string;
  children: ReactNode;
  /** Why the last attempt failed, in words for people. */
  error: string | null;
  busy: boolean;
  cancelLabel: string;
  confirmLabel: string;
  busyLabel: string;
  onConfirm: () => void;
}) {
  return (
    <ModalDialog open={open} title={title} onClose={onClose} testId={testId}>
      {children}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="modal-actions">
        <button type="button" className="secondary" onClick={onClose} autoFocus>
          {cancelLabel}
        </button>
        <button type="button" className="danger" onClick={onConfirm} disabled={busy}>
          {busy ? busyLabel : confirmLabel}
        </button>
      </div>
    </ModalDialog>
  );
}
