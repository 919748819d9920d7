// Errors Next catches while rendering a page or running a server action (route
// handlers catch their own: app/api/api-route.ts) reach the structured log with
// the request's id and the digest the error page shows the reader.
import type { Instrumentation } from 'next';

export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { failedRequestFields, log } = await import('./lib/log');
  log().error(failedRequestFields(error, request, context), 'request failed');
};
