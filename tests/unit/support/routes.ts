// The API's route files as Next finds them on disk (app/api/**/route.ts), for the
// tests that must know every route: the authorization matrix (a row per method)
// and the OpenAPI document (an operation per method).
import fs from 'node:fs';
import path from 'node:path';

export const API_DIR = path.join(import.meta.dirname, '..', '..', '..', 'app', 'api');
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** Every route file under app/api, by its folder (`v1/articles/[id]`), sorted. */
export function routeFiles(): string[] {
  return (fs.readdirSync(API_DIR, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((file) => path.basename(file) === 'route.ts')
    .map((file) => path.dirname(file).split(path.sep).join('/'))
    .sort();
}

/** The HTTP methods a route module exports. */
export function exportedMethods(module: Record<string, unknown>): string[] {
  return HTTP_METHODS.filter((method) => typeof module[method] === 'function');
}
