// State kept in the process per database client (caches of rows, readers'
// last reads, tokens' owners), on globalThis: Next loads a module once per
// bundle (pages, routes, actions), and they all share one client (client.ts
// db()), so a module-level map would be one per bundle.
import type { Tx } from './client';

/**
 * A function giving each client its own value, made by `create` the first
 * time, kept under `globalThis[name]` (a WeakMap: gone with the client).
 */
export function perClient<T>(name: string, create: () => T): (db: Tx) => T {
  const holder = globalThis as unknown as Record<string, WeakMap<Tx, T> | undefined>;
  return (db) => {
    const values = (holder[name] ??= new WeakMap());
    let value = values.get(db);
    if (value === undefined) {
      value = create();
      values.set(db, value);
    }
    return value;
  };
}
