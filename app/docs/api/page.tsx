// The API reference, read from the OpenAPI document (lib/openapi) and rendered here
// as plain elements: no script of its own, nothing loaded from elsewhere. Public,
// like the document. The page's own words are translated; the operations'
// descriptions come from the document, in English.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { openApiDocument } from '@/lib/openapi/document';
import type { Access } from '@/lib/openapi/operations';
import { referenceOf, schemasOf, type FieldView, type Limit, type OperationView } from '@/lib/openapi/reference';
import './api-reference.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('apiReference');
  return { title: t('title') };
}

const ACCESS_KEYS: Record<Access, 'anyone' | 'signedIn' | 'editors' | 'admins'> = {
  anyone: 'anyone',
  'signed in': 'signedIn',
  'editor or admin': 'editors',
  admin: 'admins',
};

type T = Awaited<ReturnType<typeof getTranslations<'apiReference'>>>;

/** Backquoted words of the document's English as code, the rest as text. */
function Prose({ text }: { text: string }) {
  return <>{text.split(/(`[^`]+`)/).map((part, i) => (part.startsWith('`') && part.endsWith('`') && part.length > 1 ? <code key={i}>{part.slice(1, -1)}</code> : part))}</>;
}

/** A type as written (`[Claim] | null`), the named objects in it linking to their description below. */
function TypeText({ type, names }: { type: string; names: ReadonlySet<string> }) {
  return (
    <code className="api-type">
      {type.split(/([A-Za-z]+)/).map((part, i) =>
        names.has(part) ? (
          <a key={i} href={`#schema-${part}`}>
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </code>
  );
}

function limitText(t: T, limit: Limit): string {
  if (limit.kind === 'oneOf') return t('limits.oneOf', { values: limit.values.join(', ') });
  if (limit.kind === 'default') return t('limits.default', { value: limit.value });
  return t(`limits.${limit.kind}`, { value: limit.value });
}

function Fields({ t, title, fields, names }: { t: T; title?: string; fields: FieldView[]; names: ReadonlySet<string> }) {
  if (fields.length === 0) return null;
  return (
    <>
      {title && <h4>{title}</h4>}
      <ul className="api-fields">
        {fields.map((field) => (
          <li key={field.name}>
            <code className="api-field-name">{field.name}</code> <TypeText type={field.type} names={names} />{' '}
            <span className={field.required ? 'api-required' : 'api-optional'}>{field.required ? t('required') : t('optional')}</span>
            {field.limits.length > 0 && <span className="api-limits"> · {field.limits.map((limit) => limitText(t, limit)).join(' · ')}</span>}
            {field.description && (
              <span className="api-field-description">
                {' '}
                — <Prose text={field.description} />
              </span>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

function OperationSection({ t, op, names }: { t: T; op: OperationView; names: ReadonlySet<string> }) {
  return (
    <section className="api-operation" id={op.id} aria-labelledby={`${op.id}-title`}>
      <h3 id={`${op.id}-title`} className="api-operation-title">
        <span className={`api-method api-method-${op.method.toLowerCase()}`}>{op.method}</span> <code className="api-path">{op.path}</code>
      </h3>
      <p className="api-summary">
        <Prose text={op.summary} />
      </p>
      {op.description && (
        <p>
          <Prose text={op.description} />
        </p>
      )}
      <p className="api-who">
        <strong>{t('who')}</strong> {t(`access.${ACCESS_KEYS[op.access]}`)}
        {op.who && (
          <>
            {' '}
            (<Prose text={op.who} />)
          </>
        )}
      </p>
      <Fields t={t} title={t('pathParameters')} fields={op.pathParameters} names={names} />
      <Fields t={t} title={t('queryParameters')} fields={op.queryParameters} names={names} />
      <Fields t={t} title={t('body')} fields={op.body} names={names} />
      <h4>{t('responses')}</h4>
      <ul className="api-responses">
        {op.responses.map((answer) => (
          <li key={answer.status}>
            <code className={`api-status api-status-${answer.status[0]}xx`}>{answer.status}</code>{' '}
            {answer.schema ? <TypeText type={answer.schema} names={names} /> : answer.contentTypes.length > 0 ? <code className="api-type">{answer.contentTypes.join(' | ')}</code> : <span className="hint">{t('noBody')}</span>}{' '}
            — <Prose text={answer.description} />
          </li>
        ))}
      </ul>
      <h4>{t('example')}</h4>
      <pre className="api-curl">
        <code>{op.curl}</code>
      </pre>
    </section>
  );
}

export default async function ApiReferencePage() {
  const t = await getTranslations('apiReference');
  const tags = referenceOf(openApiDocument());
  const schemas = schemasOf(openApiDocument());
  const names = new Set(schemas.map((schema) => schema.name));
  const rich = { code: (chunks: ReactNode) => <code>{chunks}</code> };
  return (
    <article className="api-reference" data-testid="api-reference">
      <h1>{t('title')}</h1>
      <p>{t.rich('intro', { ...rich, header: 'Authorization: Bearer <token>', settings: (chunks) => <Link href="/settings">{chunks}</Link> })}</p>
      <p>{t.rich('document', { link: (chunks) => <a href="/api/v1/openapi.json">{chunks}</a> })}</p>
      <p>{t.rich('errors', { ...rich, shape: '{"error": {code, key, message, issues}}' })}</p>
      <p className="hint">
        {t('englishNote')} {t.rich('curlNote', rich)}
      </p>
      <nav aria-labelledby="api-contents" className="api-contents">
        <h2 id="api-contents">{t('contents')}</h2>
        <ul>
          {tags.map(({ tag, operations }) => (
            <li key={tag}>
              <a href={`#tag-${tag.replace(/\s+/g, '-')}`}>{t(`tags.${tag}`)}</a> <span className="hint">({t('operationCount', { count: operations.length })})</span>
            </li>
          ))}
          <li>
            <a href="#objects">{t('objects')}</a>
          </li>
        </ul>
      </nav>
      {tags.map(({ tag, description, operations }) => (
        <section key={tag} id={`tag-${tag.replace(/\s+/g, '-')}`} aria-labelledby={`tag-${tag.replace(/\s+/g, '-')}-title`} className="api-tag">
          <h2 id={`tag-${tag.replace(/\s+/g, '-')}-title`}>{t(`tags.${tag}`)}</h2>
          <p className="hint">
            <Prose text={description} />
          </p>
          {operations.map((op) => (
            <OperationSection key={op.id} t={t} op={op} names={names} />
          ))}
        </section>
      ))}
      <section id="objects" aria-labelledby="objects-title" className="api-tag">
        <h2 id="objects-title">{t('objects')}</h2>
        <p className="hint">{t('objectsHint')}</p>
        {schemas.map((schema) => (
          <section key={schema.name} id={`schema-${schema.name}`} aria-labelledby={`schema-${schema.name}-title`} className="api-operation api-object">
            <h3 id={`schema-${schema.name}-title`} className="api-object-title">
              <code>{schema.name}</code>
            </h3>
            {schema.description && (
              <p>
                <Prose text={schema.description} />
              </p>
            )}
            {schema.fields.length > 0 ? (
              <Fields t={t} fields={schema.fields} names={names} />
            ) : (
              <p>
                <TypeText type={schema.type} names={names} />
                {schema.limits.length > 0 && <span className="api-limits"> · {schema.limits.map((limit) => limitText(t, limit)).join(' · ')}</span>}
              </p>
            )}
          </section>
        ))}
      </section>
    </article>
  );
}
