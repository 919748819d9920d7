'use client';
// Calls a server action and never throws: a rejected fetch (offline, server
// down) or an unexpected server error becomes a failure like the others, so
// every caller shows a message and a retry instead of hanging on "Saving…".
import { useTranslations } from 'next-intl';
import type { ActionError, ActionResult } from '@/app/actions';
import type { FieldIssue } from '@/lib/errors';
import { useErrorMessage } from './use-error-message';

/**
 * A refused action as the server sends it, or a call that never got an answer:
 * then `code` is 'network' or 'server' and there is no key to translate.
 */
export type ActionFailure = Omit<ActionError, 'key' | 'params'> & Partial<Pick<ActionError, 'key' | 'params'>>;

export type CallResult<T> = { ok: true; data: T } | { ok: false; error: ActionFailure };

export async function callAction<T>(action: () => Promise<ActionResult<T>>): Promise<CallResult<T>> {
  try {
    return await action();
  } catch (error) {
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    const code = offline || error instanceof TypeError ? 'network' : 'server';
    return { ok: false, error: { code, message: error instanceof Error ? error.message : String(error), issues: [] } };
  }
}

/** Failures worth retrying as they are: nothing was wrong with what was sent. */
export function isRetryable(error: ActionFailure): boolean {
  return error.code === 'network' || error.code === 'server';
}

/** A failure as a sentence for people, in the interface language. */
export function useFailureText(): (error: ActionFailure) => string {
  const t = useTranslations('workspace.errors');
  const errors = useErrorMessage();
  return (error) => {
    if (error.code === 'network') return t('network');
    if (error.code === 'server') return t('server');
    return errors.message(error);
  };
}

/** One field's problem, in the interface language. */
export function useIssueText(): (issue: FieldIssue) => string {
  const errors = useErrorMessage();
  return (issue) => errors.issue(issue);
}

/** One field's problem with the field named ("Source 1 — link: …"), for a summary. */
export function useIssueSummary(): (issue: FieldIssue) => string {
  const errors = useErrorMessage();
  return (issue) => errors.describe(issue);
}
