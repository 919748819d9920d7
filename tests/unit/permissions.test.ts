// lib/permissions.ts: the roles, who may edit notes, delete claims and edit articles.
import { describe, expect, it } from 'vitest';
import { userChange, canAdjudicate, canDeleteClaim, canDeleteComment, canEditComment, canEditArticle, canEditClaimNote, claimDeletion, hasRole, isRole, ROLES, type Viewer } from '../../lib/permissions';

const reviewer: Viewer = { id: 'rev', role: 'reviewer' };
const otherReviewer: Viewer = { id: 'other', role: 'reviewer' };
const editor: Viewer = { id: 'ed', role: 'editor' };
const admin: Viewer = { id: 'adm', role: 'admin' };

const ownClaim = { createdById: 'rev', reviewerIds: [] as string[] };

describe('isRole', () => {
  it('takes the three roles and nothing else, as read from the database', () => {
    for (const role of ROLES) expect(isRole(role)).toBe(true);
    for (const value of ['Admin', 'owner', '', null, undefined, 3, ['admin']]) expect(isRole(value)).toBe(false);
  });
});

describe('hasRole', () => {
  it('ranks admin > editor > reviewer', () => {
    expect(hasRole(reviewer, 'reviewer')).toBe(true);
    expect(hasRole(reviewer, 'editor')).toBe(false);
    expect(hasRole(editor, 'editor')).toBe(true);
    expect(hasRole(editor, 'admin')).toBe(false);
    expect(hasRole(admin, 'editor')).toBe(true);
    expect(hasRole(admin, 'admin')).toBe(true);
  });
});

describe('canEditArticle', () => {
  it('editors and admins, not reviewers', () => {
    expect(canEditArticle(reviewer)).toBe(false);
    expect(canEditArticle(editor)).toBe(true);
    expect(canEditArticle(admin)).toBe(true);
  });
});

describe('canEditClaimNote', () => {
  it('the author, editors and admins; not another reviewer', () => {
    expect(canEditClaimNote(reviewer, ownClaim)).toBe(true);
    expect(canEditClaimNote(otherReviewer, ownClaim)).toBe(false);
    expect(canEditClaimNote(editor, ownClaim)).toBe(true);
    expect(canEditClaimNote(admin, ownClaim)).toBe(true);
  });

  it('verdicts by others do not take the note away from its author', () => {
    expect(canEditClaimNote(reviewer, { createdById: 'rev' })).toBe(true);
  });
});

describe('claimDeletion / canDeleteClaim', () => {
  it('the author may delete an unreviewed claim, or one only they reviewed', () => {
    expect(claimDeletion(reviewer, ownClaim)).toBe('allowed');
    expect(claimDeletion(reviewer, { createdById: 'rev', reviewerIds: ['rev'] })).toBe('allowed');
    expect(canDeleteClaim(reviewer, ownClaim)).toBe(true);
  });

  it('not once someone else has given a verdict', () => {
    const reviewed = { createdById: 'rev', reviewerIds: ['rev', 'other'] };
    expect(claimDeletion(reviewer, reviewed)).toBe('others-have-verdicts');
    expect(canDeleteClaim(reviewer, reviewed)).toBe(false);
  });

  it("another reviewer may never delete someone else's claim", () => {
    expect(claimDeletion(otherReviewer, ownClaim)).toBe('not-yours');
    expect(claimDeletion(otherReviewer, { createdById: 'rev', reviewerIds: ['other'] })).toBe('not-yours');
    expect(canDeleteClaim(otherReviewer, ownClaim)).toBe(false);
  });

  it('editors and admins may delete any claim, reviewed or not', () => {
    const reviewed = { createdById: 'rev', reviewerIds: ['rev', 'other'] };
    for (const viewer of [editor, admin]) {
      expect(claimDeletion(viewer, ownClaim)).toBe('allowed');
      expect(claimDeletion(viewer, reviewed)).toBe('allowed');
    }
  });
});

describe('canAdjudicate', () => {
  it('editors and admins settle claims; no reviewer does', () => {
    expect(canAdjudicate(reviewer)).toBe(false);
    expect(canAdjudicate(otherReviewer)).toBe(false);
    expect(canAdjudicate(editor)).toBe(true);
    expect(canAdjudicate(admin)).toBe(true);
  });
});

describe('canEditComment / canDeleteComment', () => {
  const own = { authorId: 'rev' };
  const editorsOwn = { authorId: 'ed' };

  it('the author edits and deletes their own comment', () => {
    expect(canEditComment(reviewer, own)).toBe(true);
    expect(canDeleteComment(reviewer, own)).toBe(true);
  });

  it('another reviewer does neither', () => {
    expect(canEditComment(otherReviewer, own)).toBe(false);
    expect(canDeleteComment(otherReviewer, own)).toBe(false);
    expect(canDeleteComment(reviewer, editorsOwn)).toBe(false);
  });

  it('editors and admins delete anyone’s comment but edit only their own', () => {
    for (const viewer of [editor, admin]) {
      expect(canDeleteComment(viewer, own)).toBe(true);
      expect(canEditComment(viewer, own)).toBe(false);
    }
    expect(canEditComment(editor, editorsOwn)).toBe(true);
  });
});

describe('userChange', () => {
  it('admins change other accounts, never their own; editors and reviewers none', () => {
    expect(userChange(admin, 'rev')).toBe('allowed');
    expect(userChange(admin, 'ed')).toBe('allowed');
    expect(userChange(admin, 'other-admin')).toBe('allowed');
    expect(userChange(admin, 'adm')).toBe('own-account');
    expect(userChange(editor, 'rev')).toBe('not-admin');
    expect(userChange(reviewer, 'other')).toBe('not-admin');
    expect(userChange(otherReviewer, 'rev')).toBe('not-admin');
    expect(userChange(reviewer, 'rev')).toBe('not-admin');
  });
});
