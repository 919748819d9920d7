import Link from 'next/link';
import { currentActor } from '@/app/auth';
import { db } from '@/lib/db/client';
import { formatPublishedAt } from '@/lib/format';
import { listArticles } from '@/lib/services/articles';
import { hasRole } from '@/lib/services/context';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const actor = await currentActor();
  if (!actor) {
    return (
      <section className="narrow">
        <h1>Crux</h1>
        <p>Collaborative fact-checking: highlight the claims an article makes, give each a verdict with sources and a rationale, and see claim by claim where independent reviewers agree.</p>
        <p>
          <Link href="/login">Sign in</Link> or <Link href="/register">create an account</Link> to start reviewing.
        </p>
      </section>
    );
  }
  const articles = await listArticles({ db: db(), actor });
  return (
    <section>
      <div className="page-title">
        <h1>Articles</h1>
        {hasRole(actor, 'editor') && (
          <Link href="/articles/new" className="button" data-testid="new-article">
            New article
          </Link>
        )}
      </div>
      {articles.length === 0 ? (
        <p>No articles yet.</p>
      ) : (
        <ul className="article-list" data-testid="article-list">
          {articles.map((a) => (
            <li key={a.id}>
              <Link href={`/articles/${a.id}`} lang={a.language}>
                {a.title}
              </Link>
              <span className="meta">
                {[formatPublishedAt(a.publishedAt, a.language), a.publisher, `${a.claimCount} claims, ${a.reviewedClaimCount} reviewed`]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
