'use client';
// The article page's subscription to its event stream
// (GET /api/v1/articles/:id/events). The browser's EventSource would retry
// every second forever and give up for good on an error answer; instead every
// failure closes it and reopens it after a growing delay (lib/live/reconnect),
// from the last event received, so nothing is missed and a server that is
// down is not hammered.
import { useEffect, useRef, useState } from 'react';
import { DOWN_AFTER_FAILURES, reconnectDelay } from '@/lib/live/reconnect';
import type { LiveEventType, LiveEvents, PresenceData } from '@/lib/services/live';

/**
 * Dispatched on `window` when the stream reports activity on the article: the
 * header's bell reads the notifications then rather than at its next poll.
 */
export const ACTIVITY_EVENT = 'crux:activity';

/** `connecting` until the first answer; `down` after failures in a row, or once the server has refused the stream. */
export type LiveStatus = 'connecting' | 'live' | 'down';

export type LiveHandlers = { [T in LiveEventType]?: (data: LiveEvents[T]) => void } & {
  presence?: (data: PresenceData) => void;
};

const EVENT_TYPES = [
  'claim.created',
  'claim.updated',
  'claim.deleted',
  'verdict.updated',
  'adjudication.updated',
  'comment.created',
  'comment.updated',
  'comment.deleted',
  'article.updated',
] as const satisfies readonly LiveEventType[];

/** Calls the handler for one event type; the data is the server's own JSON (lib/services/live.ts). */
function deliver<T extends LiveEventType>(handlers: LiveHandlers, type: T, data: string) {
  const handler = handlers[type] as ((data: LiveEvents[T]) => void) | undefined;
  handler?.(JSON.parse(data) as LiveEvents[T]);
}

/**
 * Follows the article's events from `cursor` (the newest event when the page
 * was rendered, so nothing between the render and the subscription is lost).
 * Handlers may change between renders; the stream is not reopened for that.
 */
export function useArticleEvents(articleId: string, cursor: number, handlers: LiveHandlers): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const latest = useRef(handlers);
  latest.current = handlers;
  const from = useRef(cursor);

  useEffect(() => {
    let source: EventSource | null = null;
    let failures = 0;
    let timer: number | undefined;
    let stopped = false;

    const open = () => {
      window.clearTimeout(timer);
      source?.close();
      const current = new EventSource(`/api/v1/articles/${encodeURIComponent(articleId)}/events?lastEventId=${from.current}`);
      source = current;
      current.onopen = () => {
        failures = 0;
        setStatus('live');
      };
      for (const type of EVENT_TYPES) {
        current.addEventListener(type, (event) => {
          const message = event as MessageEvent<string>;
          const id = Number(message.lastEventId);
          if (Number.isSafeInteger(id) && id > from.current) from.current = id;
          deliver(latest.current, type, message.data);
        });
      }
      current.addEventListener('presence', (event) => {
        latest.current.presence?.(JSON.parse((event as MessageEvent<string>).data) as PresenceData);
      });
      // The server refused to go on (signed out, article gone): retrying would not help.
      current.addEventListener('end', () => {
        stopped = true;
        current.close();
        setStatus('down');
      });
      current.onerror = () => {
        if (stopped || source !== current) return;
        current.close();
        failures += 1;
        if (failures >= DOWN_AFTER_FAILURES) setStatus('down');
        timer = window.setTimeout(open, reconnectDelay(failures));
      };
    };

    // Back online: no reason to wait out the delay.
    const online = () => {
      if (stopped || source?.readyState === EventSource.OPEN) return;
      open();
    };
    open();
    window.addEventListener('online', online);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      window.removeEventListener('online', online);
      source?.close();
    };
  }, [articleId]);

  return status;
}
