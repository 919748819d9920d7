// lib/db/per-client.ts: one value per database client, made once, shared by
// every module bundle that asks under the same name (they share globalThis).
import { describe, expect, it } from 'vitest';
import type { Tx } from '../../lib/db/client';
import { perClient } from '../../lib/db/per-client';

// The function keys by client; any object stands for one here.
const client = () => ({}) as Tx;

describe('perClient', () => {
  it('makes one value per client, the first time it is asked for', () => {
    let made = 0;
    const valueOf = perClient('cruxPerClientTest', () => ({ n: ++made }));
    const [a, b] = [client(), client()];
    expect(valueOf(a)).toBe(valueOf(a));
    expect(valueOf(b)).not.toBe(valueOf(a));
    expect(made).toBe(2);
  });

  it('shares the values of one name between two copies of a module (Next bundles), and keeps names apart', () => {
    const db = client();
    const first = perClient('cruxPerClientShared', () => new Map<string, number>());
    const second = perClient('cruxPerClientShared', () => new Map<string, number>());
    const other = perClient('cruxPerClientOther', () => new Map<string, number>());
    first(db).set('rows', 1);
    expect(second(db).get('rows')).toBe(1);
    expect(other(db).has('rows')).toBe(false);
  });
});
