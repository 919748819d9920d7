'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, type ReactNode } from 'react';

/** One part of the thing in conflict (a rating, a note, a title…), as saved meanwhile and as drafted. */
export interface ConflictRow {
  /** Stable name of the part (`data-field`, for tests and styles). */
  field: string;
  label: string;
  theirs: ReactNode;
  yours: ReactNode;
  /** Whether the two versions differ here: marked in words, not by colour alone. */
  differs: boolean;
}

/**
 * A save refused because someone else saved first (409): both versions side by
 * side, part by part — theirs, the current state the server sent back, and
 * yours, the draft, which stays as it is until the person chooses. "Keep mine"
 * saves the draft over theirs knowingly; "Take theirs" puts theirs in the form.
 * Focus moves to the heading when it appears; Escape goes back to the draft
 * (nothing is lost, the next save asks again) and focus returns to where it was.
 */
export function ConflictView({
  title,
  intro,
  theirsLabel,
  theirsMeta,
  rows,
  onKeepMine,
  onTakeTheirs,
  onDismiss,
  busy = false,
  level = 3,
  revision,
  testId,
}: {
  title: string;
  intro: string;
  /** Who holds "theirs" (defaults to "Saved meanwhile"). */
  theirsLabel?: string;
  /** Who saved it and when. */
  theirsMeta?: string;
  rows: ConflictRow[];
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  onDismiss: () => void;
  /** While "Keep mine" is being saved. */
  busy?: boolean;
  /** The heading's level where the view sits (2 on a page, 3 in the claim panel, 4 inside one of its sections). */
  level?: 2 | 3 | 4;
  /** Changes with each newer "theirs" (its version): the heading takes focus again. */
  revision: string | number;
  testId: string;
}) {
  const t = useTranslations('conflict');
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);

  // Focus moves in when the conflict appears. When it goes (either choice, or Escape),
  // what had focus before (usually the save button) gets it back, if it is still there.
  useEffect(() => {
    const focused = document.activeElement;
    // The save button, disabled while saving, has usually lost focus by now: then it is the one to return to.
    const scope = sectionRef.current?.closest('form') ?? sectionRef.current?.parentElement;
    returnTo.current = focused instanceof HTMLElement && focused !== document.body ? focused : (scope?.querySelector<HTMLElement>('button[type="submit"]') ?? null);
    return () => {
      const target = returnTo.current;
      requestAnimationFrame(() => {
        const focused = document.activeElement;
        if (target?.isConnected && (!focused || focused === document.body)) target.focus();
      });
    };
  }, []);
  // And again when a newer "theirs" arrives (keeping mine lost to yet another save), so it is read out.
  useEffect(() => {
    headingRef.current?.focus();
  }, [revision]);

  const Heading = `h${level}` as const;
  const theirsId = `${id}-theirs`;
  const yoursId = `${id}-yours`;
  return (
    <section
      ref={sectionRef}
      className="conflict"
      aria-labelledby={`${id}-title`}
      data-testid={testId}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || event.defaultPrevented) return;
        // Escape leaves the comparison, not the panel or page around it.
        event.preventDefault();
        event.stopPropagation();
        onDismiss();
      }}
    >
      <Heading id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        {title}
      </Heading>
      <p>{intro}</p>
      <table className="conflict-table">
        <thead>
          <tr>
            <th scope="col" id={theirsId}>
              {theirsLabel ?? t('theirs')}
              {theirsMeta && <span className="conflict-meta">{theirsMeta}</span>}
            </th>
            <th scope="col" id={yoursId}>
              {t('yours')}
            </th>
          </tr>
        </thead>
        {rows.map((row) => {
          const labelId = `${id}-${row.field}`;
          return (
            <tbody key={row.field} className={row.differs ? 'differs' : undefined}>
              <tr className="conflict-field">
                <th scope="colgroup" colSpan={2} id={labelId}>
                  {row.label}
                  {row.differs && <span className="conflict-differs"> — {t('differs')}</span>}
                </th>
              </tr>
              <tr data-field={row.field}>
                <td headers={`${theirsId} ${labelId}`}>{row.theirs}</td>
                <td headers={`${yoursId} ${labelId}`}>{row.yours}</td>
              </tr>
            </tbody>
          );
        })}
      </table>
      <div className="form-actions">
        <button type="button" onClick={onKeepMine} disabled={busy}>
          {busy ? t('keeping') : t('keepMine')}
        </button>
        <button type="button" className="secondary" onClick={onTakeTheirs} disabled={busy}>
          {t('takeTheirs')}
        </button>
      </div>
      <p className="hint">{t('escape')}</p>
    </section>
  );
}

/** An empty value in a conflict row, said in words. */
export function Empty() {
  const t = useTranslations('conflict');
  return <em className="hint">{t('none')}</em>;
}
