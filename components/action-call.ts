'use client';
// Calls a server action and never throws: a rejected fetch (offline, server
// down) or an unexpected server error becomes a failure like the others, so
// every caller shows a message and a retry instead of hanging on "Saving…".
import { useTranslations } from 'next-intl';
import type { ActionResult } from '@/app/actions';
import type { FieldIssue, Params } from '@/lib/errors';
import { useErrorMessage } from './use-error-message';

export interface ActionFailure {
  /** A DomainError code, or 'network' / 'server' when the action itself failed. */
  code: string;
  message: string;
  issues: FieldIssue[];
  /** A message key and its values, when the server gives one (interface language). */
  key?: string;
  params?: Params;
  /** On a duplicate claim: the claim that already covers the passage. */
  claimId?: string;
}

export type CallResult<T> = { ok: true; data: T } | { ok: false; error: ActionFailure };

export async function callAction<T>(action: () => Promise<ActionResult<T>>): Promise<CallResult<T>> {
  try {
    return (await action()) as CallResult<T>;
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
