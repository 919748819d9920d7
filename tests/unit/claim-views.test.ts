// lib/services/claim-views.ts: who is involved in a claim, and that everyone
// else of one role gets the same part of its view (the claims list works
// theirs out once for them all: claim-list-body.ts).
import { describe, expect, it } from 'vitest';
import { DEFAULT_REVIEW_SETTINGS } from '../../lib/consensus';
import type { Viewer } from '../../lib/permissions';
import { claimBasis, viewerInvolved, viewerPart, type AuthorlessSummary } from '../../lib/services/claim-views';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 29, 9, minute));

function summary(createdById: string, verdicts: [string, string, number][], reveals: [string, string][] = []): AuthorlessSummary {
  return {
    id: 'claim',
    articleId: 'article',
    revision: 1,
    anchorState: 'exact',
    exact: '« doublé »',
    prefix: 'le chiffre a ',
    suffix: ' en un an',
    start: 13,
    end: 23,
    note: null,
    version: 1,
    createdById,
    createdAt: at(0),
    updatedAt: at(1),
    deletedAt: null,
    deletedById: null,
    liveKey: '',
    verdictCount: verdicts.length,
    verdicts: verdicts.map(([reviewerId, rating, minute]) => ({ id: `v-${reviewerId}`, claimId: 'claim', reviewerId, rating, updatedAt: at(minute) })),
    adjudication: null,
    reveals: [...verdicts.map(([userId, rating]): [string, string] => [userId, rating]), ...reveals].map(([userId, initialRating]) => ({ claimId: 'claim', userId, initialRating })),
  };
}

const reviewers: Viewer[] = ['rita', 'remi', 'rose', 'raoul', 'rene'].map((id) => ({ id, role: 'reviewer' }));
const editors: Viewer[] = [{ id: 'edith', role: 'editor' }, { id: 'eric', role: 'editor' }];
const admins: Viewer[] = [{ id: 'ada', role: 'admin' }, { id: 'alan', role: 'admin' }];
const viewers: (Viewer | null)[] = [...reviewers, ...editors, ...admins, null];

const claims = {
  // Written by rita; remi and edith judged it, rose withdrew her verdict (her reveal stays).
  judged: summary('rita', [['remi', 'false', 5], ['edith', 'mostly-false', 9]], [['rose', 'true']]),
  // Written by an editor, judged by nobody.
  untouched: summary('eric', []),
  // Written and judged by its author alone.
  own: summary('raoul', [['raoul', 'true', 3]]),
};

describe('viewerInvolved', () => {
  it('is its author and whoever it is revealed to (a verdict, or a reveal left by a withdrawn one)', () => {
    const basis = claimBasis(claims.judged, DEFAULT_REVIEW_SETTINGS);
    const involved = viewers.filter((v) => viewerInvolved(claims.judged, basis, v)).map((v) => v!.id);
    expect(involved.sort()).toEqual(['edith', 'remi', 'rita', 'rose']);
  });

  it('is nobody for nobody signed in', () => {
    for (const record of Object.values(claims)) expect(viewerInvolved(record, claimBasis(record, DEFAULT_REVIEW_SETTINGS), null)).toBe(false);
  });
});

describe('viewerPart', () => {
  it('is the same for everyone of one role who is not involved in the claim, blind review on and off', () => {
    for (const settings of [DEFAULT_REVIEW_SETTINGS, { ...DEFAULT_REVIEW_SETTINGS, blindReview: false }]) {
      for (const [name, record] of Object.entries(claims)) {
        const basis = claimBasis(record, settings);
        const byRole = new Map<string, ReturnType<typeof viewerPart>>();
        for (const viewer of viewers) {
          if (viewerInvolved(record, basis, viewer)) continue;
          const part = viewerPart(record, basis, settings, viewer);
          const role = viewer?.role ?? 'nobody';
          if (byRole.has(role)) expect(part, `${name}, ${viewer?.id ?? 'nobody'}, blind review ${settings.blindReview}`).toEqual(byRole.get(role));
          else byRole.set(role, part);
        }
        // Each role had at least two uninvolved viewers to compare, but nobody's.
        expect([...byRole.keys()].sort()).toEqual(['admin', 'editor', 'nobody', 'reviewer']);
      }
    }
  });

  it('differs for those involved: the author may edit the note, a reviewer who judged sees the verdicts and their rating', () => {
    const basis = claimBasis(claims.judged, DEFAULT_REVIEW_SETTINGS);
    const outsider = viewerPart(claims.judged, basis, DEFAULT_REVIEW_SETTINGS, { id: 'rene', role: 'reviewer' });
    expect(outsider).toMatchObject({ verdictsVisible: false, myRating: null, can: { editNote: false, delete: false } });
    expect(viewerPart(claims.judged, basis, DEFAULT_REVIEW_SETTINGS, { id: 'rita', role: 'reviewer' }).can.editNote).toBe(true);
    expect(viewerPart(claims.judged, basis, DEFAULT_REVIEW_SETTINGS, { id: 'remi', role: 'reviewer' })).toMatchObject({ verdictsVisible: true, myRating: 'false' });
    expect(viewerPart(claims.judged, basis, DEFAULT_REVIEW_SETTINGS, { id: 'rose', role: 'reviewer' })).toMatchObject({ verdictsVisible: true, myRating: null });
  });
});
