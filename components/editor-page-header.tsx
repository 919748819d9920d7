import Link from 'next/link';

/** The head of an editor's page of an article (its details, its text): back to the article, the page's title and what it does. */
export function EditorPageHeader({ articleId, back, title, intro }: { articleId: string; back: string; title: string; intro: string }) {
  return (
    <>
      <p>
        <Link href={`/articles/${articleId}`}>
          <span aria-hidden="true">← </span>
          {back}
        </Link>
      </p>
      <h1>{title}</h1>
      <p className="hint">{intro}</p>
    </>
  );
}
