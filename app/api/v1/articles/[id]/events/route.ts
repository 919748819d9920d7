import { apiRoute } from '@/app/api/api-route';
import { openArticleEvents } from '@/lib/services/live';

// A stream per request, never cached or prerendered.
export const dynamic = 'force-dynamic';

export const GET = apiRoute<{ id: string }>(async (request, ctx, { id }) => {
  const lastEventId = request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('lastEventId');
  const stream = await openArticleEvents(ctx, id, { lastEventId });
  // The client going away (tab closed, network lost) ends the stream and its presence.
  request.signal.addEventListener('abort', () => void stream.close(), { once: true });
  return new Response(stream.body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      // no-transform: compression (Next's gzip among others) would hold events back until a buffer fills.
      'cache-control': 'no-store, no-transform',
      // nginx buffers proxied responses unless told otherwise.
      'x-accel-buffering': 'no',
      // Once a stream ends (the instance shutting down), its connection goes too: reused, it would
      // carry the reconnection back to the instance that is going away, and keep that instance up.
      connection: 'close',
    },
  });
});
