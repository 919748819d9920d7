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
import type { ReviewSettings } from '../consensus';
import type { Db } from '../db/client';
import type { Viewer } from '../permissions';
import { keptClaims } from './claim-list';
import { viewerPart, type ClaimBasis, type Person } from './claim-views';

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

function activityOf(pieces: SharedPieces, basis: ClaimBasis, own: ViewerPart): Uint8Array {
  if (own.lastActivityAt === basis.lastActivityAt) return pieces.activity;
  if (own.lastActivityAt === basis.fields.updatedAt) return pieces.ownActivity;
  return utf8.encode(JSON.stringify(own.lastActivityAt));
}

const OPEN = utf8.encode('{"claims":[');
const COMMA = utf8.encode(',');
const CLOSE = utf8.encode(']}');

/** The claims list's JSON for `viewer`, as bytes. */
export async function claimListBody(db: Db, articleId: string, settings: ReviewSettings, viewer: Viewer | null): Promise<Uint8Array<ArrayBuffer>> {
  const claims = await keptClaims(db, articleId, settings);
  // The authors, a few people for many claims, encoded once per read (their names may change between reads).
  const people = new Map<Person, Uint8Array>();
  const parts: Uint8Array[] = [OPEN];
  for (const [i, { summary, createdBy, basis }] of claims.entries()) {
    const pieces = sharedPieces(basis);
    const own = viewerPart(summary, basis, settings, viewer);
    let author = people.get(createdBy);
    if (!author) people.set(createdBy, (author = utf8.encode(JSON.stringify(createdBy))));
    if (i > 0) parts.push(COMMA);
    parts.push(pieces.head, author, pieces.dates, activityOf(pieces, basis, own), own.verdictsVisible ? pieces.consensus : pieces.masked, tailOf(own));
  }
  parts.push(CLOSE);
  return Buffer.concat(parts);
}
