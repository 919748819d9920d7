// What the interface's own components bring to the browser from lib/: Zod (about
// 400 KB of script, its messages in every language included) only where the
// article workspace needs it, to check a verdict's saved draft and its links.
// The constants the other pages read (roles, export formats, an article's formats
// and length) live in modules without it: lib/permissions.ts, lib/export/format.ts,
// lib/articles/submission.ts.
import { build, type Metafile } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');

/** The files under `dir` that start with the `'use client'` directive. */
function clientComponents(dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => path.join(dir, file))
    .filter((file) => /^['"]use client['"]/.test(fs.readFileSync(path.join(root, file), 'utf8')));
}

/** The import graph of `entries` within the project (packages left out). */
async function importGraph(entries: string[]): Promise<Metafile['inputs']> {
  const { metafile } = await build({
    absWorkingDir: root,
    entryPoints: entries,
    bundle: true,
    write: false,
    outdir: 'out',
    platform: 'browser',
    format: 'esm',
    packages: 'external',
    metafile: true,
    logLevel: 'silent',
    alias: { '@': '.' },
    loader: { '.css': 'empty' },
    jsx: 'automatic',
  });
  return metafile.inputs;
}

/** The entries from which Zod is reached. Server actions are left out: the browser gets a reference to each, not its module. */
function reachingZod(inputs: Metafile['inputs'], entries: string[]): string[] {
  const imports = (file: string) => inputs[file]?.imports ?? [];
  return entries.filter((entry) => {
    const seen = new Set([entry]);
    const queue = [entry];
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      if (imports(file).some((i) => i.external && (i.path === 'zod' || i.path.startsWith('zod/')))) return true;
      for (const i of imports(file)) {
        if (i.external || i.path === 'app/actions.ts' || seen.has(i.path)) continue;
        seen.add(i.path);
        queue.push(i.path);
      }
    }
    return false;
  });
}

describe('the modules the browser gets', () => {
  it('bring Zod only to the article workspace', async () => {
    const components = [...clientComponents('components'), ...clientComponents('app')].sort();
    expect(components).toContain('components/people-manager.tsx');
    const zod = reachingZod(await importGraph(components), components);
    expect(zod).toEqual([
      'components/adjudication.tsx',
      'components/article-workspace.tsx',
      'components/claim-panel.tsx',
      'components/claim-sources.tsx',
      'components/rationale-editor.tsx',
      'components/source-row.tsx',
      'components/verdict-form.tsx',
    ]);
  });
});
