import { apiRoute } from '@/app/api/api-route';
import { json, readJsonBody } from '@/lib/http';
import { ARCHIVE_MAX_BYTES, importArchiveAs } from '@/lib/services/archive-import';

/**
 * An editor uploads an archive (the JSON body): the summary of what was created and
 * what was already present. The body may be larger than elsewhere (ARCHIVE_MAX_BYTES);
 * 413 beyond it, and `npm run import` takes archives of any size.
 */
export const POST = apiRoute(async (request, ctx) => json(await importArchiveAs(ctx, await readJsonBody(request, ARCHIVE_MAX_BYTES))));
