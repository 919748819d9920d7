import type { ReactNode } from 'react';
import { isAllowedLink, type RichTextBlock, type RichTextDoc, type RichTextInline, type RichTextListItem } from '@/lib/rich-text';

// A rationale document (lib/rich-text, checked by the server) as React
// elements: text is text, never markup, and no HTML string is ever injected.
// Works on the server and in the browser alike (no hooks).

function Inline({ node }: { node: RichTextInline }): ReactNode {
  if (node.type === 'hardBreak') return <br />;
  let out: ReactNode = node.text;
  const marks = node.marks ?? [];
  if (marks.some((m) => m.type === 'italic')) out = <em>{out}</em>;
  if (marks.some((m) => m.type === 'bold')) out = <strong>{out}</strong>;
  const link = marks.find((m) => m.type === 'link');
  // Checked again here: a link that is not http(s) stays plain text, whatever let it through.
  if (link && isAllowedLink(link.attrs.href)) {
    out = (
      <a href={link.attrs.href.trim()} target="_blank" rel="noopener noreferrer nofollow">
        {out}
      </a>
    );
  }
  return out;
}

function Item({ item }: { item: RichTextListItem }) {
  return (
    <li>
      {item.content.map((block, i) => (
        <Block key={i} block={block} />
      ))}
    </li>
  );
}

function Block({ block }: { block: RichTextBlock }): ReactNode {
  switch (block.type) {
    case 'paragraph':
      return (
        <p>
          {(block.content ?? []).map((node, i) => (
            <Inline key={i} node={node} />
          ))}
        </p>
      );
    case 'bulletList':
      return (
        <ul>
          {block.content.map((item, i) => (
            <Item key={i} item={item} />
          ))}
        </ul>
      );
    case 'orderedList':
      return (
        <ol start={block.attrs?.start}>
          {block.content.map((item, i) => (
            <Item key={i} item={item} />
          ))}
        </ol>
      );
    case 'blockquote':
      return (
        <blockquote>
          {block.content.map((child, i) => (
            <Block key={i} block={child} />
          ))}
        </blockquote>
      );
  }
}

/** A rationale, formatted. `lang` is the text's language (the article's), not the interface's. */
export function RichText({ doc, lang, className, testId }: { doc: RichTextDoc; lang?: string; className?: string; testId?: string }) {
  return (
    <div className={className ? `rich-text ${className}` : 'rich-text'} lang={lang} data-testid={testId}>
      {doc.content.map((block, i) => (
        <Block key={i} block={block} />
      ))}
    </div>
  );
}
