'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { listNotificationsAction, markNotificationsReadAction } from '@/app/actions';
import type { NotificationView } from '@/lib/services/notifications';
import { ACTIVITY_EVENT } from './use-article-events';
import './desk.css';

const POLL_MS = 15_000;

/** Live activity comes in bursts (a verdict, then a comment): one read for a burst. */
const ACTIVITY_SETTLE_MS = 1_000;

/**
 * The header's bell: the unread count (in its accessible name too), and a panel
 * listing notifications; each opens its claim and is marked read. Polls while
 * the page is visible, and reads at once when the article page's live stream
 * reports activity.
 */
export function NotificationBell({ initialUnread }: { initialUnread: number }) {
  const t = useTranslations('notifications');
  const format = useFormatter();
  const router = useRouter();
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const [unread, setUnread] = useState(initialUnread);
  const [items, setItems] = useState<NotificationView[] | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  const refresh = useCallback(async () => {
    try {
      const result = await listNotificationsAction();
      if (!result.ok) return;
      setItems(result.data.notifications);
      setUnread(result.data.unreadCount);
    } catch {
      // Offline for a moment: the next poll tries again.
    }
  }, []);

  useEffect(() => {
    const tick = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    const timer = window.setInterval(tick, POLL_MS);
    let settle: number | undefined;
    const activity = () => {
      window.clearTimeout(settle);
      settle = window.setTimeout(tick, ACTIVITY_SETTLE_MS);
    };
    document.addEventListener('visibilitychange', tick);
    window.addEventListener(ACTIVITY_EVENT, activity);
    return () => {
      window.clearInterval(timer);
      window.clearTimeout(settle);
      document.removeEventListener('visibilitychange', tick);
      window.removeEventListener(ACTIVITY_EVENT, activity);
    };
  }, [refresh]);

  useEffect(() => {
    if (!open) return;
    void refresh();
    const outside = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const escape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener('mousedown', outside);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('mousedown', outside);
      document.removeEventListener('keydown', escape);
    };
  }, [open, refresh]);

  const markRead = async (ids: string[] | 'all') => {
    const result = await markNotificationsReadAction(ids === 'all' ? { all: true } : { ids });
    if (!result.ok) return;
    setUnread(result.data.unreadCount);
    const now = new Date().toISOString();
    setItems((list) => list?.map((n) => (ids === 'all' || ids.includes(n.id) ? { ...n, readAt: n.readAt ?? now } : n)) ?? null);
  };

  const describe = (n: NotificationView) => t(`types.${n.type}`, { actor: n.actor?.name ?? t('someone') });
  const openClaim = async (n: NotificationView) => {
    setOpen(false);
    if (!n.readAt) await markRead([n.id]);
    router.push(`/articles/${n.articleId}?claim=${encodeURIComponent(n.claimId)}`);
  };

  return (
    <div className="bell" ref={root}>
      <button
        ref={button}
        type="button"
        className="bell-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={t('bell', { count: unread })}
        data-testid="notification-bell"
        onClick={() => setOpen((o) => !o)}
      >
        {/* Drawn, not an emoji: not every system has an emoji font. */}
        <svg aria-hidden="true" width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {unread > 0 && (
          <span className="bell-badge" aria-hidden="true" data-testid="notification-count">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <div className="bell-panel" id={panelId} role="region" aria-label={t('title')} data-testid="notification-panel">
          <div className="bell-head">
            <h2 className="visually-hidden">{t('title')}</h2>
            <strong aria-hidden="true">{t('title')}</strong>
            {unread > 0 && (
              <button type="button" className="link-button" data-testid="notifications-mark-all" onClick={() => void markRead('all')}>
                {t('markAll')}
              </button>
            )}
          </div>
          {items === null ? null : items.length === 0 ? (
            <p className="hint">{t('empty')}</p>
          ) : (
            <ul>
              {items.map((n) => {
                const what = describe(n);
                return (
                  <li key={n.id} className={`bell-item ${n.readAt ? '' : 'unread'}`} data-testid="notification" data-type={n.type} data-read={n.readAt ? 'true' : 'false'}>
                    <span>
                      <a
                        href={`/articles/${n.articleId}?claim=${encodeURIComponent(n.claimId)}`}
                        onClick={(event) => {
                          event.preventDefault();
                          void openClaim(n);
                        }}
                      >
                        {what} {t('onClaim', { quote: n.claimQuote })}
                        {!n.readAt && <span className="visually-hidden"> ({t('unread')})</span>}
                      </a>
                      <br />
                      <time className="meta" dateTime={n.createdAt}>
                        {format.relativeTime(new Date(n.createdAt), new Date())}
                      </time>
                    </span>
                    {!n.readAt && (
                      <button type="button" className="link-button" aria-label={t('markReadNamed', { what })} onClick={() => void markRead([n.id])}>
                        {t('markRead')}
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
