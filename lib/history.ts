// The history of a claim or an article as a viewer may read it. Events are
// stored unmasked (so that a live channel can mask them per viewer later);
// this module is the one place that turns them into entries, applying blind
// review (lib/blind-review.ts): a reviewer to whom a claim is not revealed
// learns nothing of the others' verdicts or comments on it from the history
// either — not even that there were some, since a count of verdicts is itself
// a judgement's trace. Their own verdicts, the claim's edits, published
// adjudications and the article's changes stay visible. Editors see all.
import { z } from './zod';
import { canSeeVerdicts } from './blind-review';
import type { Viewer } from './permissions';

/** A stored Event row with its actor's name, as the service layer reads it. */
export interface StoredEvent {
  id: number;
  type: string;
  claimId: string | null;
  actorId: string | null;
  actorName: string | null;
  createdAt: Date;
  /** JSON, as recorded; checked here, never trusted. */
  payload: string;
}

export const HISTORY_TYPES = [
  'article.created',
  'article.updated',
  'claim.created',
  'claim.updated',
  'claim.deleted',
  'verdict.updated',
  'adjudication.updated',
  'comment.created',
  'comment.updated',
  'comment.deleted',
] as const;
export type HistoryType = (typeof HISTORY_TYPES)[number];

/** What happened to the thing the event is about. */
export type HistoryAction = 'created' | 'changed' | 'deleted';

export type HistoryValue = string | number | boolean | null;

/** One field before → after (`null` where it did not exist). */
export interface HistoryChange {
  field: string;
  before: HistoryValue;
  after: HistoryValue;
}

export interface HistoryEntry {
  id: number;
  type: HistoryType;
  action: HistoryAction;
  actor: { id: string; name: string | null } | null;
  at: string;
  claimId: string | null;
  changes: HistoryChange[];
}

/** Who reads, under which settings, and which claims are revealed to them. */
export interface HistoryAccess {
  viewer: Viewer;
  blindReview: boolean;
  /** Claims revealed to the viewer (they have given a verdict on them, at some point). */
  revealedClaimIds: ReadonlySet<string>;
}

const text = z.string().nullish().catch(null);
const verdictShape = z.object({
  rating: text,
  rationale: z.unknown().optional(),
  sources: z.array(z.object({ url: text }).catch({ url: null })).nullish().catch(null),
});
const adjudicationShape = z.object({ rating: text, rationale: z.unknown().optional() });
const commentShape = z.object({ body: text });
const snapshotShape = z.object({ exact: text, note: text });
const record = z.record(z.string(), z.unknown());

function payloadOf(event: StoredEvent): unknown {
  try {
    return JSON.parse(event.payload);
  } catch {
    return null;
  }
}

/** Reads `key` of an object payload through a schema; null when absent or not of that shape. */
function part<S extends z.ZodType>(payload: unknown, key: string, schema: S): z.output<S> | null {
  const object = record.safeParse(payload);
  if (!object.success || object.data[key] == null) return null;
  const parsed = schema.safeParse(object.data[key]);
  return parsed.success ? parsed.data : null;
}

/** A rationale as plain text: a string, or the plain text kept beside rich text. */
function plain(value: unknown): string | null {
  if (typeof value === 'string') return value;
  const object = record.safeParse(value);
  if (object.success && typeof object.data.text === 'string') return object.data.text;
  return null;
}

function scalar(value: unknown): HistoryValue {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
}

/** The fields that differ, in the order given. */
function diff(fields: [string, HistoryValue, HistoryValue][]): HistoryChange[] {
  return fields.filter(([, before, after]) => before !== after).map(([field, before, after]) => ({ field, before, after }));
}

function actionOf(before: unknown, after: unknown): HistoryAction {
  if (before == null) return 'created';
  if (after == null) return 'deleted';
  return 'changed';
}

function verdictFields(v: z.output<typeof verdictShape> | null): [HistoryValue, HistoryValue, HistoryValue] {
  if (!v) return [null, null, null];
  const urls = (v.sources ?? []).map((s) => s.url).filter((u): u is string => !!u);
  return [v.rating ?? null, plain(v.rationale), urls.length > 0 ? urls.join('\n') : null];
}

/** Metadata and settings fields of an article.updated payload, settings flattened as `settings.<name>`. */
function articleFields(payload: unknown): HistoryChange[] {
  const before = part(payload, 'before', record) ?? {};
  const after = part(payload, 'after', record) ?? {};
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changes: HistoryChange[] = [];
  for (const field of fields) {
    if (field === 'settings') {
      const b = record.safeParse(before.settings).data ?? {};
      const a = record.safeParse(after.settings).data ?? {};
      for (const name of new Set([...Object.keys(b), ...Object.keys(a)])) {
        changes.push({ field: `settings.${name}`, before: scalar(b[name]), after: scalar(a[name]) });
      }
    } else {
      changes.push({ field, before: scalar(before[field]), after: scalar(after[field]) });
    }
  }
  return changes;
}

/** True when the viewer may read the others' judgement (verdicts, comments) of this claim. */
function judgementVisible(claimId: string | null, access: HistoryAccess): boolean {
  const revealedTo = claimId && access.revealedClaimIds.has(claimId) ? [access.viewer.id] : [];
  return canSeeVerdicts({ blindReview: access.blindReview }, access.viewer, revealedTo);
}

function isHistoryType(type: string): type is HistoryType {
  return (HISTORY_TYPES as readonly string[]).includes(type);
}

/**
 * The entry the viewer may read for one event, or null when they may not know
 * of it at all (the others' verdicts and comments on a claim blind review
 * hides from them; events that are not part of an article's history).
 */
export function historyEntry(event: StoredEvent, access: HistoryAccess): HistoryEntry | null {
  if (!isHistoryType(event.type)) return null;
  const type = event.type;
  const own = event.actorId !== null && event.actorId === access.viewer.id;
  if ((type === 'verdict.updated' || type.startsWith('comment.')) && !own && !judgementVisible(event.claimId, access)) return null;

  const payload = payloadOf(event);
  let action: HistoryAction;
  let changes: HistoryChange[];
  switch (type) {
    case 'article.created':
      action = 'created';
      changes = diff([['title', null, scalar(record.safeParse(payload).data?.title)]]);
      break;
    case 'article.updated':
      action = 'changed';
      changes = articleFields(payload);
      break;
    case 'claim.created': {
      const claim = snapshotShape.safeParse(payload).data;
      action = 'created';
      changes = diff([
        ['exact', null, claim?.exact ?? null],
        ['note', null, claim?.note ?? null],
      ]);
      break;
    }
    case 'claim.updated': {
      const before = part(payload, 'before', snapshotShape);
      const after = part(payload, 'after', snapshotShape);
      action = 'changed';
      changes = diff([['note', before?.note ?? null, after?.note ?? null]]);
      break;
    }
    case 'claim.deleted':
      action = 'deleted';
      changes = diff([['exact', scalar(record.safeParse(payload).data?.exact), null]]);
      break;
    case 'verdict.updated': {
      const before = part(payload, 'before', verdictShape);
      const after = part(payload, 'after', verdictShape);
      const [rb, tb, sb] = verdictFields(before);
      const [ra, ta, sa] = verdictFields(after);
      action = actionOf(before, after);
      changes = diff([
        ['rating', rb, ra],
        ['rationale', tb, ta],
        ['sources', sb, sa],
      ]);
      break;
    }
    case 'adjudication.updated': {
      const before = part(payload, 'before', adjudicationShape);
      const after = part(payload, 'after', adjudicationShape);
      action = actionOf(before, after);
      changes = diff([
        ['rating', before?.rating ?? null, after?.rating ?? null],
        ['rationale', plain(before?.rationale), plain(after?.rationale)],
      ]);
      break;
    }
    case 'comment.created':
    case 'comment.updated':
    case 'comment.deleted': {
      const before = part(payload, 'before', commentShape);
      const after = part(payload, 'after', commentShape);
      action = type === 'comment.created' ? 'created' : type === 'comment.deleted' ? 'deleted' : 'changed';
      changes = diff([['body', before?.body ?? null, after?.body ?? null]]);
      break;
    }
  }
  return {
    id: event.id,
    type,
    action,
    actor: event.actorId ? { id: event.actorId, name: event.actorName } : null,
    at: event.createdAt.toISOString(),
    claimId: event.claimId,
    changes,
  };
}

/** The entries the viewer may read, in the order given. */
export function historyEntries(events: readonly StoredEvent[], access: HistoryAccess): HistoryEntry[] {
  return events.flatMap((event) => historyEntry(event, access) ?? []);
}
