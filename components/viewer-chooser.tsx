'use client';
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslations } from 'next-intl';
import type { ConsensusStatus } from '@/lib/consensus';
import { STATUS_ICONS } from './claim-status';
import { placeNear, type Anchor } from './viewer-popover';

export interface ChooserItem {
  id: string;
  status: ConsensusStatus;
  excerpt: string;
}

/**
 * The menu shown where several claims overlap (on click, or Enter with the
 * caret there): one item per claim, innermost first, with its status glyph and
 * label and the start of its quote. Arrow keys move, Enter or Space picks,
 * Escape closes and hands focus back to the text (`onClose(true)`).
 */
export function ViewerChooser({
  items,
  lang,
  anchor,
  container,
  onChoose,
  onClose,
}: {
  items: readonly ChooserItem[];
  /** The article's language, for the quotes. */
  lang: string;
  anchor: Anchor;
  container: HTMLElement;
  onChoose: (id: string) => void;
  onClose: (returnFocus: boolean) => void;
}) {
  const t = useTranslations('viewer');
  const status = useTranslations('statuses');
  const menuRef = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    if (menuRef.current) placeNear(menuRef.current, container, anchor, 'below');
  }, [anchor, container, items]);

  useEffect(() => {
    menuRef.current?.querySelector<HTMLElement>('[role=menuitem]')?.focus({ preventScroll: true });
  }, []);

  // A press anywhere else closes the menu and leaves focus where it lands.
  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      if (!menuRef.current?.contains(event.target as Node)) onClose(false);
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, [onClose]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const entries = Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role=menuitem]') ?? []);
    const current = entries.indexOf(document.activeElement as HTMLElement);
    const move = (index: number) => entries[(index + entries.length) % entries.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        move(current + 1);
        break;
      case 'ArrowUp':
        move(current - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(entries.length - 1);
        break;
      case 'Escape':
        onClose(true);
        break;
      case 'Tab':
        onClose(false);
        return; // let Tab move focus on
      default:
        return;
    }
    // Keys the menu used must not reach the workspace's shortcuts (Escape closes its panel).
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div
      ref={menuRef}
      role="menu"
      aria-label={t('chooserLabel')}
      className="viewer-chooser"
      data-testid="claim-chooser"
      onKeyDown={onKeyDown}
    >
      <p className="viewer-chooser-hint" aria-hidden="true">
        {t('chooserHint', { count: items.length })}
      </p>
      {items.map((item) => (
        <button
          key={item.id}
          type="button"
          role="menuitem"
          tabIndex={-1}
          data-claim-id={item.id}
          data-status={item.status}
          className="viewer-chooser-item"
          onClick={() => onChoose(item.id)}
        >
          <span className={`viewer-status-glyph claim-status-${item.status}`} aria-hidden="true">
            {STATUS_ICONS[item.status]}
          </span>
          <span className="viewer-chooser-status">{status(item.status)}</span>
          <span className="viewer-chooser-excerpt" lang={lang}>
            {item.excerpt}
          </span>
        </button>
      ))}
    </div>
  );
}
