import { redirect } from 'next/navigation';
import { requireSignedIn } from '@/app/auth';
import { ArticleForm } from '@/components/article-form';
import { hasRole } from '@/lib/services/context';

export const metadata = { title: 'New article' };

export default async function NewArticlePage() {
  const actor = await requireSignedIn('/articles/new');
  if (!hasRole(actor, 'editor')) redirect('/');
  return (
    <section className="narrow wide">
      <h1>New article</h1>
      <ArticleForm />
    </section>
  );
}
