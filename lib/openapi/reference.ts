// The reference page's reading of the OpenAPI document (app/docs/api): each
// operation with who may call it, its parameters and body fields flattened
// (`sources[].url`) with their types and limits as data, its answers, an example
// curl (with the operation's example body), and the named objects the answers
// hold. Plain data, so that the page only translates and lays it out.
import type { OpenApiDocument } from './document';
import { ACCESS, TAGS, type Access, type Tag } from './operations';

type Schema = Record<string, unknown>;

/** A limit or rule on a field, worded by the page in the reader's language. */
export type Limit =
  | { kind: 'maxLength' | 'minLength' | 'maxItems' | 'minItems' | 'minimum' | 'maximum' | 'exclusiveMinimum' | 'exclusiveMaximum'; value: number }
  | { kind: 'oneOf'; values: string[] }
  | { kind: 'default'; value: string };

export interface FieldView {
  /** `rating`, `sources[].url`, `settings.minReviewers`. */
  name: string;
  required: boolean;
  /** JSON types, as a programmer reads them: `string`, `integer | null`, `[object]`, `Rating`. */
  type: string;
  limits: Limit[];
  description?: string;
}

export interface AnswerView {
  status: string;
  description: string;
  /** The content types, when the body is not JSON described by a schema (a file, an event stream). */
  contentTypes: string[];
  schema?: string;
  /** The schemas the type names, described under *Objects* on the page. */
  refs: string[];
}

export interface SchemaView {
  name: string;
  description?: string;
  fields: FieldView[];
  /** For a schema that is not an object (a rating): its type and values. */
  type: string;
  limits: Limit[];
}

export interface OperationView {
  id: string;
  method: string;
  path: string;
  tag: Tag;
  summary: string;
  description?: string;
  access: Access;
  who?: string;
  pathParameters: FieldView[];
  queryParameters: FieldView[];
  body: FieldView[];
  responses: AnswerView[];
  curl: string;
}

export interface TagView {
  tag: Tag;
  description: string;
  operations: OperationView[];
}

const REF = '#/components/schemas/';

function resolver(doc: OpenApiDocument) {
  const components = (doc.components?.schemas ?? {}) as Record<string, Schema>;
  return (schema: Schema): Schema => {
    const ref = schema.$ref;
    return typeof ref === 'string' && ref.startsWith(REF) ? (components[ref.slice(REF.length)] ?? {}) : schema;
  };
}

/** `string`, `integer | null`, `[Source]`, `Rating`… */
export function typeOf(schema: Schema): string {
  if (typeof schema.$ref === 'string') return schema.$ref.slice(schema.$ref.lastIndexOf('/') + 1);
  if (Array.isArray(schema.anyOf)) return [...new Set((schema.anyOf as Schema[]).map(typeOf))].join(' | ');
  if (Array.isArray(schema.oneOf)) return [...new Set((schema.oneOf as Schema[]).map(typeOf))].join(' | ');
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (Array.isArray(schema.type)) return (schema.type as string[]).join(' | ');
  if (schema.type === 'array') return `[${typeOf((schema.items as Schema | undefined) ?? {})}]`;
  // A small inline object says what it holds: `{articles: [ArticleSummary]}`.
  const properties = Object.entries((schema.properties ?? {}) as Record<string, Schema>);
  if (schema.type === 'object' && properties.length > 0 && properties.length <= 3) return `{${properties.map(([name, p]) => `${name}: ${typeOf(p)}`).join(', ')}}`;
  if (typeof schema.type === 'string') return schema.type;
  return 'any';
}

function limitsOf(schema: Schema): Limit[] {
  const limits: Limit[] = [];
  const variants = Array.isArray(schema.anyOf) ? (schema.anyOf as Schema[]) : [schema];
  for (const variant of variants) {
    for (const kind of ['minLength', 'maxLength', 'minItems', 'maxItems', 'minimum', 'exclusiveMinimum', 'maximum', 'exclusiveMaximum'] as const) {
      const value = variant[kind];
      // JavaScript's largest safe integer is Zod's bound of an unbounded `int()`, not a rule of ours.
      if (typeof value === 'number' && Math.abs(value) < Number.MAX_SAFE_INTEGER) limits.push({ kind, value });
    }
    if (Array.isArray(variant.enum)) limits.push({ kind: 'oneOf', values: (variant.enum as unknown[]).map(String) });
  }
  if (schema.default !== undefined) limits.push({ kind: 'default', value: JSON.stringify(schema.default) });
  return limits;
}

/** An object's fields, nested objects and lists of objects flattened into dotted names (two levels down). */
function fieldsOf(schema: Schema, resolve: (s: Schema) => Schema, prefix = '', depth = 0): FieldView[] {
  const object = resolve(schema);
  const properties = (object.properties ?? {}) as Record<string, Schema>;
  const required = new Set((object.required ?? []) as string[]);
  const fields: FieldView[] = [];
  for (const [name, property] of Object.entries(properties)) {
    const field: FieldView = { name: `${prefix}${name}`, required: required.has(name), type: typeOf(property), limits: limitsOf(property) };
    // A nullable field's description sits on its non-null variant.
    const described = [property, ...((property.anyOf ?? []) as Schema[])].find((variant) => typeof variant.description === 'string');
    if (described) field.description = described.description as string;
    fields.push(field);
    if (depth >= 2) continue;
    const inner = Array.isArray(property.anyOf) ? ((property.anyOf as Schema[]).find((v) => v.type !== 'null') ?? property) : property;
    if (inner.type === 'object' && inner.properties) fields.push(...fieldsOf(inner, resolve, `${prefix}${name}.`, depth + 1));
    const items = inner.type === 'array' ? resolve((inner.items as Schema | undefined) ?? {}) : undefined;
    if (items?.type === 'object' && items.properties) fields.push(...fieldsOf(items, resolve, `${prefix}${name}[].`, depth + 1));
  }
  return fields;
}

function curlFor(method: string, path: string, body: Record<string, unknown> | null, anyone: boolean): string {
  const url = `"$CRUX_URL${path.replace(/\{(\w+)\}/g, (_, name: string) => `<${name}>`)}"`;
  const lines = [`curl${method === 'GET' ? '' : ` -X ${method}`} ${url}`];
  if (!anyone) lines.push(`  -H "Authorization: Bearer $CRUX_TOKEN"`);
  if (body) lines.push(`  -H "Content-Type: application/json"`, `  -d '${JSON.stringify(body).replaceAll("'", "'\\''")}'`);
  return lines.join(' \\\n');
}

const isAccess = (value: unknown): value is Access => typeof value === 'string' && (ACCESS as readonly string[]).includes(value);

/** The document as the page shows it: by tag, in the tags' order, each tag's operations in the document's order. */
export function referenceOf(doc: OpenApiDocument): TagView[] {
  const resolve = resolver(doc);
  const byTag = new Map<Tag, OperationView[]>(TAGS.map((tag) => [tag, []]));
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = (item as Record<string, Record<string, unknown> | undefined>)[method];
      if (!op) continue;
      const tag = ((op.tags as string[] | undefined)?.[0] ?? 'service') as Tag;
      const parameters = (op.parameters ?? []) as { in: string; name: string; required?: boolean; description?: string; schema?: Schema }[];
      const parameter = (p: (typeof parameters)[number]): FieldView => ({
        name: p.name,
        required: p.required === true,
        type: typeOf(p.schema ?? {}),
        limits: limitsOf(p.schema ?? {}),
        ...(p.description ? { description: p.description } : {}),
      });
      const bodyMedia = (op.requestBody as { content?: Record<string, { schema?: Schema; example?: Record<string, unknown> }> } | undefined)?.content?.['application/json'];
      const bodySchema = bodyMedia?.schema;
      const responses = Object.entries((op.responses ?? {}) as Record<string, { description: string; content?: Record<string, { schema?: Schema }> }>).map(
        ([status, answer]): AnswerView => {
          // A body a schema describes (JSON), or only content types (a file, an event stream: `{type: 'string'}`).
          const described = Object.values(answer.content ?? {}).find((media) => media.schema && media.schema.type !== 'string')?.schema;
          return {
            status,
            description: answer.description,
            contentTypes: described ? [] : Object.keys(answer.content ?? {}),
            ...(described ? { schema: typeOf(described) } : {}),
            refs: described ? [...JSON.stringify(described).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!) : [],
          };
        },
      );
      const access = op['x-crux-access'];
      byTag.get(tag)?.push({
        id: String(op.operationId),
        method: method.toUpperCase(),
        path,
        tag,
        summary: String(op.summary ?? ''),
        ...(typeof op.description === 'string' ? { description: op.description } : {}),
        access: isAccess(access) ? access : 'signed in',
        ...(typeof op['x-crux-who'] === 'string' ? { who: op['x-crux-who'] } : {}),
        pathParameters: parameters.filter((p) => p.in === 'path').map(parameter),
        queryParameters: parameters.filter((p) => p.in === 'query').map(parameter),
        body: bodySchema ? fieldsOf(bodySchema, resolve) : [],
        responses,
        curl: curlFor(method.toUpperCase(), path, bodyMedia?.example ?? null, access === 'anyone'),
      });
    }
  }
  const descriptions = new Map((doc.tags ?? []).map((t) => [t.name, t.description ?? '']));
  return TAGS.map((tag) => ({ tag, description: descriptions.get(tag) ?? '', operations: byTag.get(tag) ?? [] })).filter((t) => t.operations.length > 0);
}

/** The named schemas (components) the answers refer to, by name, each with its fields. */
export function schemasOf(doc: OpenApiDocument): SchemaView[] {
  const resolve = resolver(doc);
  return Object.entries((doc.components?.schemas ?? {}) as Record<string, Schema>)
    .map(([name, schema]) => ({
      name,
      ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
      fields: fieldsOf(schema, resolve),
      type: typeOf(schema),
      limits: schema.type === 'object' ? [] : limitsOf(schema),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
