'use client';
import { useLayoutEffect, useRef, type FocusEvent, type KeyboardEvent } from 'react';
import { useTranslations } from 'next-intl';
import { SHORTCUTS } from './shortcuts';
import { placeNear, type Anchor } from './viewer-popover';

/**
 * The small toolbar at a text selection, as annotation tools have: "Mark as
 * claim" with its shortcut. It follows the editor in the DOM, so Tab from the
 * text reaches it; pressing it with the mouse keeps the selection (no focus
 * change on mousedown). Above the selection with a mouse, below it on touch
 * screens where the system's own selection menu sits above.
 */
export function ViewerSelectionToolbar({
  anchor,
  container,
  busy,
  onMark,
  onFocusChange,
  onEscape,
}: {
  anchor: Anchor;
  container: HTMLElement;
  busy: boolean;
  onMark: () => void;
  onFocusChange: (focused: boolean) => void;
  onEscape: () => void;
}) {
  const t = useTranslations('viewer');
  const ref = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    if (!ref.current) return;
    const coarse = window.matchMedia('(pointer: coarse)').matches;
    placeNear(ref.current, container, anchor, coarse ? 'below' : 'above');
  }, [anchor, container]);

  const onBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (!ref.current?.contains(event.relatedTarget as Node | null)) onFocusChange(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    onEscape();
  };

  return (
    <div
      ref={ref}
      role="toolbar"
      aria-label={t('selectionTools')}
      className="viewer-selection-toolbar"
      data-testid="selection-toolbar"
      onMouseDown={(event) => event.preventDefault()}
      onFocus={() => onFocusChange(true)}
      onBlur={onBlur}
      onKeyDown={onKeyDown}
    >
      <button
        type="button"
        data-testid="selection-mark-claim"
        disabled={busy}
        aria-keyshortcuts={SHORTCUTS.mark}
        title={t('shortcut', { key: SHORTCUTS.mark })}
        onClick={onMark}
      >
        {t('markClaim')} <kbd aria-hidden="true">{SHORTCUTS.mark}</kbd>
      </button>
    </div>
  );
}
