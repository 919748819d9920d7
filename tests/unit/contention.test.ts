// Many writes at once on one database: every acknowledged write is kept and in
// the history, what must be unique is unique, and the only refusals are 409s.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../lib/db/client';
import { isUniqueViolation } from '../../lib/db/errors';
import { DomainError } from '../../lib/errors';
import { createArticle } from '../../lib/services/articles';
import { createClaim, deleteClaim, type ClaimDetail } from '../../lib/services/claims';
import type { Actor } from '../../lib/services/context';
import { upsertVerdict } from '../../lib/services/verdicts';
import { RATINGS } from '../../lib/ratings';
import { ctxFor, expectDomainError, makeUser, useDatabase } from './support/database';

const REVIEWERS = 20;
const WRITES_PER_REVIEWER = 50;
/**
 * Saves one reviewer has in flight at once (two tabs): they race on the same
 * verdict. With 20 reviewers that is 40 transactions queued at once, well within
 * what a transaction may wait for its turn (TRANSACTION_MAX_WAIT_MS) even on a
 * loaded machine.
 */
const IN_FLIGHT = 2;
const CREATIONS = 90;

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

async function attempt<T>(write: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await write() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Anything but a success or a 409 fails the test, with the error itself. */
function expectOnlyConflicts(outcomes: Outcome<unknown>[]): void {
  const unexpected = outcomes.flatMap((o) => (o.ok || (o.error instanceof DomainError && o.error.status === 409) ? [] : [o.error]));
  expect(unexpected).toEqual([]);
}

/**
 * The client with its first `model.operation` read answering "nothing there": the
 * view of a transaction that checked before a concurrent one inserted, as under
 * PostgreSQL's default isolation. What refuses the duplicate then is the database.
 */
function blindToFirst(db: Db, model: 'Claim' | 'Verdict', operation: 'findFirst' | 'findUnique'): Db {
  let blind = true;
  const extended = db.$extends({
    query: {
      $allModels: {
        async $allOperations({ model: m, operation: o, args, query }) {
          if (!blind || m !== model || o !== operation) return query(args);
          blind = false;
          return null;
        },
      },
    },
  });
  return extended as unknown as Db;
}

describe('writes at once', () => {
  const t = useDatabase();
  let editor: Actor;
  let reviewers: Actor[];
  let articleId: string;
  let n = 0;

  beforeAll(async () => {
    editor = await makeUser(t.db, 'editor');
    reviewers = await Promise.all(Array.from({ length: REVIEWERS }, (_, i) => makeUser(t.db, 'reviewer', `Relectrice ${i}`)));
    const text = Array.from({ length: 20 }, (_, i) => `Affirmation numéro ${i} à vérifier.`).join(' ');
    articleId = (await createArticle(ctxFor(t.db, editor), { text })).id;
  }, 60_000);

  const passage = () => ({ exact: `Affirmation numéro ${n++} à vérifier` });

  it(`${REVIEWERS} reviewers each save their verdict on one claim ${WRITES_PER_REVIEWER} times: every acknowledged save is in the history, the verdict is the last of them`, async () => {
    const claim = await createClaim(ctxFor(t.db, editor), articleId, passage());
    const acknowledged = new Map<string, string[]>(reviewers.map((r) => [r.id, []]));
    const outcomes: Outcome<unknown>[] = [];
    await Promise.all(
      reviewers.map(async (reviewer, r) => {
        for (let round = 0; round < WRITES_PER_REVIEWER / IN_FLIGHT; round++) {
          const saves = Array.from({ length: IN_FLIGHT }, (_, k) => {
            const rationale = `Relectrice ${r}, enregistrement ${round * IN_FLIGHT + k}`;
            const rating = RATINGS[(round + k) % RATINGS.length]!;
            return attempt(async () => {
              await upsertVerdict(ctxFor(t.db, reviewer), claim.id, { rating, rationale });
              acknowledged.get(reviewer.id)!.push(rationale);
            });
          });
          outcomes.push(...(await Promise.all(saves)));
        }
      }),
    );
    expectOnlyConflicts(outcomes);

    const events = await t.db.event.findMany({ where: { claimId: claim.id, type: 'verdict.updated' }, orderBy: { id: 'asc' } });
    const afters = events.map((e) => ({ actorId: e.actorId, after: (JSON.parse(e.payload) as { after: { rationale: string; rating: string } }).after }));
    const verdicts = await t.db.verdict.findMany({ where: { claimId: claim.id } });
    expect(verdicts).toHaveLength(REVIEWERS);
    for (const verdict of verdicts) {
      const mine = acknowledged.get(verdict.reviewerId)!;
      const history = afters.filter((a) => a.actorId === verdict.reviewerId);
      // Each acknowledged save is one history entry, and no entry is a save that failed.
      expect(history.map((h) => h.after.rationale).sort()).toEqual([...mine].sort());
      // No save overwrote another unseen: one version per acknowledged save.
      expect(verdict.version).toBe(mine.length);
      // The verdict is an acknowledged save: the last one the history records.
      expect(mine).toContain(verdict.rationale);
      expect({ rationale: verdict.rationale, rating: verdict.rating }).toEqual({ rationale: history.at(-1)!.after.rationale, rating: history.at(-1)!.after.rating });
    }
  }, 300_000); // 1,000 saves of some 36 queries each: room for a machine whose cores are shared

  it(`${CREATIONS} requests mark the same passage at once: one claim, ${CREATIONS - 1} × 409 duplicateClaim naming it`, async () => {
    const exact = passage();
    const outcomes = await Promise.all(
      Array.from({ length: CREATIONS }, (_, i) => attempt(() => createClaim(ctxFor(t.db, reviewers[i % REVIEWERS]!), articleId, exact))),
    );
    expectOnlyConflicts(outcomes);
    const created = outcomes.flatMap((o) => (o.ok ? [o.value as ClaimDetail] : []));
    expect(created).toHaveLength(1);
    for (const o of outcomes) {
      if (!o.ok) expect(o.error).toMatchObject({ status: 409, key: 'duplicateClaim', claimId: created[0]!.id });
    }
    const live = await t.db.claim.findMany({ where: { articleId, exact: exact.exact, deletedAt: null } });
    expect(live.map((c) => c.id)).toEqual([created[0]!.id]);
    expect(await t.db.event.count({ where: { type: 'claim.created', claimId: created[0]!.id } })).toBe(1);
  }, 60_000);

  describe('the database holds what must be unique, whatever the application checked', () => {
    it('one live claim per passage; deleted claims on it do not count', async () => {
      const claim = await createClaim(ctxFor(t.db, editor), articleId, passage());
      const row = await t.db.claim.findUniqueOrThrow({ where: { id: claim.id } });
      const { id, createdAt, updatedAt, liveKey, ...copy } = row;
      expect(liveKey).toBe('');
      const duplicate = await t.db.claim.create({ data: copy }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isUniqueViolation(duplicate)).toBe(true);

      await deleteClaim(ctxFor(t.db, editor), id);
      expect((await t.db.claim.findUniqueOrThrow({ where: { id } })).liveKey).toBe(id);
      const again = await t.db.claim.create({ data: copy });
      expect(again.liveKey).toBe('');
    });

    it('one verdict per reviewer and claim', async () => {
      const claim = await createClaim(ctxFor(t.db, editor), articleId, passage());
      await upsertVerdict(ctxFor(t.db, reviewers[0]!), claim.id, { rating: 'true' });
      const second = await t.db.verdict.create({ data: { claimId: claim.id, reviewerId: reviewers[0]!.id, rating: 'false' } }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isUniqueViolation(second)).toBe(true);
    });

    it('a claim creation that raced past the check gets the same 409, naming the claim that won', async () => {
      const winner = await createClaim(ctxFor(t.db, editor), articleId, passage());
      const racing = blindToFirst(t.db, 'Claim', 'findFirst');
      const error = await expectDomainError(createClaim(ctxFor(racing, reviewers[1]!), articleId, { exact: winner.exact }), 409, [['exact']]);
      expect(error).toMatchObject({ key: 'duplicateClaim', claimId: winner.id, message: 'This passage is already marked as a claim: open it to add your verdict.' });
      expect(await t.db.claim.count({ where: { articleId, exact: winner.exact } })).toBe(1);
    });

    it('a first verdict that raced past the check replaces the one that won instead of failing', async () => {
      const claim = await createClaim(ctxFor(t.db, editor), articleId, passage());
      const reviewer = reviewers[2]!;
      await upsertVerdict(ctxFor(t.db, reviewer), claim.id, { rating: 'true', rationale: 'La première' });
      const racing = blindToFirst(t.db, 'Verdict', 'findUnique');
      const saved = await upsertVerdict(ctxFor(racing, reviewer), claim.id, { rating: 'false', rationale: 'La seconde' });
      expect(saved).toMatchObject({ created: false, verdict: { rating: 'false', rationale: 'La seconde', version: 2 } });
      expect(await t.db.verdict.count({ where: { claimId: claim.id, reviewerId: reviewer.id } })).toBe(1);
    });
  });
});
