import { describe, expect, it } from 'vitest';
import { apiConcurrency, createGate, DEFAULT_API_CONCURRENCY } from '../../lib/admission';

/** A task that runs until `finish` is called. */
function pending<T>(value: T) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { task: async () => (await done, value), finish };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createGate', () => {
  it('runs at most `limit` tasks at once and starts the others in order of arrival', async () => {
    const gate = createGate(2);
    const started: string[] = [];
    const tasks = ['a', 'b', 'c', 'd'].map((name) => ({ name, ...pending(name) }));
    const results = tasks.map((t) => gate.run(async () => (started.push(t.name), t.task())));
    await tick();
    expect(started).toEqual(['a', 'b']);
    expect([gate.running, gate.waiting]).toEqual([2, 2]);
    tasks[1]!.finish();
    await tick();
    expect(started).toEqual(['a', 'b', 'c']);
    tasks[0]!.finish();
    await tick();
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    tasks[2]!.finish();
    tasks[3]!.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
    expect([gate.running, gate.waiting]).toEqual([0, 0]);
  });

  it('a task that fails gives its place to the next and its error to its caller', async () => {
    const gate = createGate(1);
    const failing = gate.run(async () => {
      throw new Error('boom');
    });
    const next = gate.run(async () => 'next');
    await expect(failing).rejects.toThrow('boom');
    expect(await next).toBe('next');
    expect(gate.running).toBe(0);
  });
});

describe('apiConcurrency', () => {
  it('CRUX_API_CONCURRENCY, else the default; nonsense is an error', () => {
    expect(apiConcurrency({})).toBe(DEFAULT_API_CONCURRENCY);
    expect(apiConcurrency({ CRUX_API_CONCURRENCY: ' 3 ' })).toBe(3);
    for (const bad of ['0', '-1', '2.5', 'many']) expect(() => apiConcurrency({ CRUX_API_CONCURRENCY: bad })).toThrow(/CRUX_API_CONCURRENCY/);
  });
});
