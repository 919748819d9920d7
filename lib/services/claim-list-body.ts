// The claims list as GET /api/v1/articles/:id/claims answers it: the UTF-8
// bytes of `{"claims": [...]}`, the same JSON as JSON.stringify of the views
// (claim-list.ts listClaimViews), assembled from pieces.
//
// Every open page reads its article's whole list, and again at every change.
// At 700 claims a read took 3.2 ms to build the views, 2.2 ms for
// JSON.stringify and 1.6 ms to encode (the quotes hold ’ and « », so V8 keeps
// the text as two-byte). Most of a claim's JSON is the same for every reader
// (its quote and context, dates, consensus, masked or not), so it is encoded
// once, with the claim's basis, and kept while the basis is; a reader adds
// what blind review and permissions make theirs (claim-views.ts viewerPart),
// a few short pieces. tests/unit/claim-list-body.test.ts holds the bytes to
// JSON.stringify of the views for readers of every kind.
//
// A claim's pieces joined are kept too, one copy per way of reading it (its
// author's name, whose activity, the consensus whole or masked, the reader's
// own part): readers differ in few of those, and a read then copies one piece
// a claim. Copying six small pieces a claim, scattered over the heap, was a
// tenth of a list read at 500 claims under load (Buffer.concat).
//
// And what each reader got last is remembered, claim by claim: a reader reads
// the list again after some changes, and finds most claims as they left them.
// Working out their part (viewerPart) and the reading's key again for each of
// 1,000 claims was most of a list read that found nothing changed (in process,
// 2 ms); looking each claim's reading up among every reader's (a map per
// claim) still took most of one that followed a few changes. An unchanged
// claim keeps its summary's object (claim-list.ts KeptList), so the reader's
// last list and the current one are walked side by side, in text order, and a
// claim found the same object, under the same author's name, reuses what the
// reader got: a comparison of references per claim, the reader's part worked
// out again only for the claims that changed since.
import type { ReviewSettings } from '../consensus';
import { LRUCache } from 'lru-cache';
import type { Db } from '../db/client';
import { perClient } from '../db/per-client';
import type { Role, Viewer } from '../permissions';
import { keptList, type KeptList } from './claim-list';
import { inTextOrder } from './claim-rows';
import { viewerInvolved, viewerPart, type AuthorlessSummary, type ClaimBasis } from './claim-views';

const utf8 = new TextEncoder();

/** What every reader's JSON of one claim shares, encoded. */
interface SharedPieces {
  /** From `{"id":` to `"createdBy":`, the author apart (their name is not kept with the rows). */
  head: Uint8Array;
  /** `,"createdAt":…,"updatedAt":…,"lastActivityAt":`. */
  dates: Uint8Array;
  /** The latest activity as a reader who sees every verdict sees it; as one who sees none (the claim's own change). */
  activity: Uint8Array;
  ownActivity: Uint8Array;
  /** `,"consensus":…`, whole and masked (lib/blind-review). */
  consensus: Uint8Array;
  masked: Uint8Array;
  /** The claim's whole JSON, a comma before it, by how it is read (readingOf's key). */
  readings: Map<string, Uint8Array>;
  /** The same, as read by whoever is not involved in the claim (viewerInvolved), by their role and the author's name. */
  uninvolved: Map<string, Uint8Array>;
}

const shared = new WeakMap<ClaimBasis, SharedPieces>();

/**
 * The basis's fields are a claim view's own, in the view's order (the test
 * holds the two texts equal), but for the author, which goes before the dates.
 */
function sharedPieces(basis: ClaimBasis): SharedPieces {
  let pieces = shared.get(basis);
  if (pieces) return pieces;
  const fields = JSON.stringify(basis.fields);
  // Within a JSON string a quote is escaped: this is the key, not a value's text.
  const dates = fields.lastIndexOf(',"createdAt":');
  pieces = {
    head: utf8.encode(`${fields.slice(0, dates)},"createdBy":`),
    dates: utf8.encode(`${fields.slice(dates, -1)},"lastActivityAt":`),
    activity: utf8.encode(JSON.stringify(basis.lastActivityAt)),
    ownActivity: utf8.encode(JSON.stringify(basis.fields.updatedAt)),
    consensus: utf8.encode(`,"consensus":${JSON.stringify(basis.consensus)}`),
    masked: utf8.encode(`,"consensus":${JSON.stringify(basis.masked)}`),
    readings: new Map(),
    uninvolved: new Map(),
  };
  shared.set(basis, pieces);
  return pieces;
}

type ViewerPart = ReturnType<typeof viewerPart>;

const tails = new Map<string, Uint8Array>();

/** `,"verdictsVisible":…,"myRating":…,"can":{…}}`: a handful of combinations, encoded once per process. */
function tailOf({ verdictsVisible, myRating, can }: ViewerPart): Uint8Array {
  const key = `${verdictsVisible} ${myRating} ${can.editNote} ${can.delete}`;
  let tail = tails.get(key);
  if (!tail) {
    tail = utf8.encode(`,"verdictsVisible":${verdictsVisible},"myRating":${JSON.stringify(myRating)},"can":${JSON.stringify(can)}}`);
    tails.set(key, tail);
  }
  return tail;
}

/**
 * Readings kept per claim, at most. Its author, activity and consensus are
 * the same for most readers, and their own parts make a handful of
 * combinations (the rating they gave, if any; whether they may edit it).
 * Past this many (a renamed author's old name among them) the oldest goes:
 * a claim's reading is about 600 bytes, so 5,000 claims keep 18 MB at most.
 */
const READINGS_PER_CLAIM = 6;

const COMMA = utf8.encode(',');

/** The claim's JSON as this reader gets it, a comma before it: kept when its activity is one of the two every reader may get. */
function readingOf(pieces: SharedPieces, basis: ClaimBasis, own: ViewerPart, author: string): Uint8Array {
  const activity = own.lastActivityAt === basis.lastActivityAt ? 'a' : own.lastActivityAt === basis.fields.updatedAt ? 'o' : null;
  const consensus = own.verdictsVisible ? pieces.consensus : pieces.masked;
  const join = (activityBytes: Uint8Array) => Buffer.concat([COMMA, pieces.head, utf8.encode(author), pieces.dates, activityBytes, consensus, tailOf(own)]);
  // Another activity (the reader's own verdict, the others' unseen) is theirs alone: not kept.
  if (activity === null) return join(utf8.encode(JSON.stringify(own.lastActivityAt)));
  const key = `${activity}${own.verdictsVisible ? 1 : 0} ${own.myRating} ${own.can.editNote} ${own.can.delete} ${author}`;
  let reading = pieces.readings.get(key);
  if (!reading) {
    reading = join(activity === 'a' ? pieces.activity : pieces.ownActivity);
    if (pieces.readings.size >= READINGS_PER_CLAIM) pieces.readings.delete(pieces.readings.keys().next().value!);
    pieces.readings.set(key, reading);
  }
  return reading;
}

/**
 * The claim's JSON as a reader not involved in it gets it: the same for every
 * such reader of one role (claim-views.ts viewerInvolved), so worked out once
 * for them all. After each change to a claim, every reader of its list gets
 * it anew, and nearly all of them are not involved in it.
 */
function uninvolvedReading(pieces: SharedPieces, summary: AuthorlessSummary, basis: ClaimBasis, settings: ReviewSettings, viewer: Viewer | null, author: string): Uint8Array {
  const key = `${viewer?.role ?? ''} ${author}`;
  let reading = pieces.uninvolved.get(key);
  if (!reading) {
    reading = readingOf(pieces, basis, viewerPart(summary, basis, settings, viewer), author);
    if (pieces.uninvolved.size >= READINGS_PER_CLAIM) pieces.uninvolved.delete(pieces.uninvolved.keys().next().value!);
    pieces.uninvolved.set(key, reading);
  }
  return reading;
}

/** What a reader got last of an article's list: the claims it was built from, in text order, their JSON of each, and each author's JSON then. */
interface LastRead {
  role: Role | null;
  settingsKey: string;
  summaries: readonly AuthorlessSummary[];
  readings: Uint8Array[];
  authors: ReadonlyMap<string, string>;
}

/**
 * Claims remembered over every reader's last read, counted once per reader:
 * each costs a reference (8 bytes) beside the readings the claims keep, so
 * 5,000 claims read by 50 reviewers fill it with 2 MB. What a reader had of a
 * claim changed since stays with their last read until they read again (a
 * kilobyte or two a claim, summary and reading). The reader who read longest
 * ago goes first; a reader forgotten builds their list from the claims'
 * readings, as on a first read.
 */
const REMEMBERED_READ_CLAIMS = 250_000;

// One per database client (lib/db/per-client.ts).
const lastReadsOf = perClient(
  'cruxLastReads',
  () => new LRUCache<string, LastRead>({ maxSize: REMEMBERED_READ_CLAIMS, sizeCalculation: (read) => Math.max(1, read.summaries.length) }),
);

/**
 * The reader's JSON of every claim of the list, a comma before each: reused
 * from their last read for each claim that is the same object, its author's
 * name unchanged, worked out for the others. Both lists are in text order, so
 * one pass over each finds every claim the reader had: a claim they had that
 * is gone, or changed, is passed over. A claim reused is not even looked into
 * (its author is checked once for all their claims): at 600 claims under
 * load, what each claim's fields cost to reach was most of a list read.
 */
function readingsOf(list: KeptList, last: LastRead | undefined, viewer: Viewer | null, settings: ReviewSettings): LastRead {
  const { summaries } = list;
  const role = viewer?.role ?? null;
  // Each author's JSON as it reads now (their names change with no event on the article): a few people for many claims.
  const authors = new Map<string, string>();
  const authorOf = (id: string) => {
    let author = authors.get(id);
    if (author === undefined) authors.set(id, (author = JSON.stringify(list.author(id))));
    return author;
  };
  const before = last?.role === role && last.settingsKey === list.settingsKey ? last : undefined;
  // Those whose name changed since the reader's last read: none of their claims' JSON is reused.
  const renamed = new Set<string>();
  if (before) for (const [id, author] of before.authors) if (authorOf(id) !== author) renamed.add(id);
  const readings = new Array<Uint8Array>(summaries.length);
  let i = 0;
  for (let j = 0; j < summaries.length; j++) {
    const summary = summaries[j]!;
    let reading: Uint8Array | undefined;
    if (before) {
      const had = before.summaries;
      // Passed over: what the reader had of this claim before it changed, or of a claim since gone (before this one in the text).
      while (i < had.length && had[i] !== summary && (had[i]!.id === summary.id || inTextOrder(had[i]!, summary) < 0)) i++;
      if (had[i] === summary) {
        if (renamed.size === 0 || !renamed.has(summary.createdById)) reading = before.readings[i];
        i++;
      }
    }
    if (!reading) {
      const basis = list.basis(summary);
      const pieces = sharedPieces(basis);
      const author = authorOf(summary.createdById);
      reading = viewerInvolved(summary, basis, viewer)
        ? readingOf(pieces, basis, viewerPart(summary, basis, settings, viewer), author)
        : uninvolvedReading(pieces, summary, basis, settings, viewer, author);
    }
    readings[j] = reading;
  }
  // The authors of the claims reused are among those of the last read, each read again above.
  return { role, settingsKey: list.settingsKey, summaries, readings, authors };
}

const OPEN = utf8.encode('{"claims":[');
const CLOSE = utf8.encode(']}');

/** The claims list's JSON for `viewer`, as bytes. */
export async function claimListBody(db: Db, articleId: string, settings: ReviewSettings, viewer: Viewer | null): Promise<Uint8Array<ArrayBuffer>> {
  const list = await keptList(db, articleId, settings);
  const reads = lastReadsOf(db);
  // By article and reader ('' for nobody signed in): ids hold no space.
  const key = `${articleId} ${viewer?.id ?? ''}`;
  const read = readingsOf(list, reads.get(key), viewer, settings);
  reads.set(key, read);
  const parts: Uint8Array[] = [OPEN, ...read.readings, CLOSE];
  if (read.readings.length) parts[1] = read.readings[0]!.subarray(COMMA.length);
  return Buffer.concat(parts);
}
