// An export written to a file (npm run export): streamed to `<out>.partial`,
// renamed to `<out>` once complete, so that a scheduled job never picks up
// half a file when an export fails midway.
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { byteChunks } from '../byte-chunks';
import type { ServiceContext } from './context';
import { exportStream, type ExportTarget } from './exports';

export async function exportToFile(ctx: ServiceContext, query: unknown, target: ExportTarget, out: string): Promise<{ filename: string; bytes: number }> {
  const stream = await exportStream(ctx, query, target);
  const partial = `${out}.partial`;
  try {
    await pipeline(Readable.from(byteChunks(stream.body), { objectMode: false }), fs.createWriteStream(partial));
    fs.renameSync(partial, out);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  return { filename: out, bytes: fs.statSync(out).size };
}
