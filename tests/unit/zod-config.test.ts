// lib/zod.ts: no `new Function` in the browser (the CSP forbids eval), compiled validators on the server.
// Zod keeps its configuration on globalThis: the server case runs first, the browser case restores it.
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('lib/zod', () => {
  it('leaves the server its compiled validators', async () => {
    const { z } = await import('../../lib/zod');
    expect(z.config().jitless).not.toBe(true);
  });

  it('turns Zod’s eval-compiled validators off in the browser, and still validates', async () => {
    vi.stubGlobal('window', {});
    const { z } = await import('../../lib/zod');
    try {
      expect(z.config().jitless).toBe(true);
      const schema = z.object({ rating: z.enum(['false', 'true']), note: z.string().max(3) });
      expect(schema.safeParse({ rating: 'true', note: 'ok' }).success).toBe(true);
      expect(schema.safeParse({ rating: 'pants', note: 'toolong' }).success).toBe(false);
    } finally {
      z.config({ jitless: false });
    }
  });
});
