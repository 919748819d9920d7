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
// And each reader's reading of a claim is remembered with the claim's basis:
// a reader reads the list again after a few changes, and finds most claims as
// they left them. Working out their part (viewerPart) and the reading's key
// again for each of 1,000 claims was most of a list read that found nothing
// changed (in process, 2 ms).
import type { ReviewSettings } from '../consensus';
import type { Db } from '../db/client';
import type { Viewer } from '../permissions';
import type { Role } from '../permissions';
import { keptClaims } from './claim-list';
import { viewerPart, type AuthorlessSummary, type ClaimBasis, type Person } from './claim-views';

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
  /** What each reader got last, by their id ('' for nobody signed in), with their role and the author's name then. */
  readers: Map<string, { role: Role | null; author: string; reading: Uint8Array }>;
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
    readers: new Map(),
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
 * Readers remembered per claim, at most; past this many the one remembered
 * longest ago goes (a hit is not moved: that would cost the map a delete and
 * a set per claim on every read). Each is about 80 bytes beside the claim's readings: 1,000
 * claims read by 50 reviewers keep 4 MB, 5,000 claims by 100 reviewers 40 MB.
 */
const READERS_PER_CLAIM = 100;

/** The claim's JSON as `viewer` gets it, a comma before it: as they got it last when nothing it depends on has changed. */
function readerReading(pieces: SharedPieces, summary: AuthorlessSummary, basis: ClaimBasis, settings: ReviewSettings, viewer: Viewer | null, author: string): Uint8Array {
  const id = viewer?.id ?? '';
  const role = viewer?.role ?? null;
  // Same basis (the claim, its verdicts and the settings as they were), same reader, role and author: same JSON.
  const last = pieces.readers.get(id);
  if (last && last.role === role && last.author === author) return last.reading;
  const reading = readingOf(pieces, basis, viewerPart(summary, basis, settings, viewer), author);
  pieces.readers.delete(id);
  if (pieces.readers.size >= READERS_PER_CLAIM) pieces.readers.delete(pieces.readers.keys().next().value!);
  pieces.readers.set(id, { role, author, reading });
  return reading;
}

const OPEN = utf8.encode('{"claims":[');
const CLOSE = utf8.encode(']}');

/** The claims list's JSON for `viewer`, as bytes. */
export async function claimListBody(db: Db, articleId: string, settings: ReviewSettings, viewer: Viewer | null): Promise<Uint8Array<ArrayBuffer>> {
  const claims = await keptClaims(db, articleId, settings);
  // The authors, a few people for many claims, written once per read (their names may change between reads).
  const people = new Map<Person, string>();
  const parts: Uint8Array[] = [OPEN];
  for (const [i, { summary, createdBy, basis }] of claims.entries()) {
    let author = people.get(createdBy);
    if (author === undefined) people.set(createdBy, (author = JSON.stringify(createdBy)));
    const reading = readerReading(sharedPieces(basis), summary, basis, settings, viewer, author);
    parts.push(i === 0 ? reading.subarray(COMMA.length) : reading);
  }
  parts.push(CLOSE);
  return Buffer.concat(parts);
}
