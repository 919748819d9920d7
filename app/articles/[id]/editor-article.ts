import { notFound, redirect } from 'next/navigation';
import { requireSignedIn } from '@/app/auth';
import { db } from '@/lib/db/client';
import { DomainError } from '@/lib/errors';
import { canEditArticle } from '@/lib/permissions';
import { getArticle, type ArticleDetail } from '@/lib/services/articles';
import type { Actor } from '@/lib/services/context';

/**
 * The article for an editor's page of it (`/articles/:id/<page>`): signs in first, sends
 * reviewers back to the article (they read it; only editors and admins correct it), 404 when
 * there is none.
 */
export async function articleForEditor(id: string, page: string): Promise<{ actor: Actor; article: ArticleDetail }> {
  const actor = await requireSignedIn(`/articles/${id}/${page}`);
  if (!canEditArticle(actor)) redirect(`/articles/${id}`);
  const article = await getArticle({ db: db(), actor }, id).catch((error: unknown) => {
    if (error instanceof DomainError && error.status === 404) notFound();
    throw error;
  });
  return { actor, article };
}
