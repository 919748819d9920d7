// The SQLite driver as Crux installs it: better-sqlite3 with patches/ applied
// and compiled in (scripts/sqlite-driver.mjs). The patch changes how every row
// reaches JavaScript, so rows of every type, shape and size come back whole.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../lib/config';
import { MARKER, needsRebuild, patchesHash, rebuildDriver } from '../../scripts/sqlite-driver.mjs';

describe('rows from the patched driver', () => {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, quote TEXT, n INTEGER, x REAL, note TEXT, data BLOB)`);
  const insert = db.prepare('INSERT INTO t (id, quote, n, x, note, data) VALUES (?, ?, ?, ?, ?, ?)');
  const expected: unknown[][] = [];
  db.transaction(() => {
    for (let i = 0; i < 3_000; i++) {
      const row = [i, `« Dépêche nº ${i} » — l’envoyée 🇫🇷`, i * 7 - 5_000, i / 3, i % 3 === 0 ? null : `note ${i}`, Buffer.from([i % 256, 1, 2])];
      insert.run(...row);
      expected.push(row);
    }
  })();

  it('gives every row of a raw read, each value in its column, in order', () => {
    const rows = db.prepare('SELECT id, quote, n, x, note, data FROM t ORDER BY id').raw(true).all() as unknown[][];
    expect(rows).toHaveLength(3_000);
    expect(rows).toEqual(expected);
    expect(rows.every((r) => Array.isArray(r) && r.length === 6)).toBe(true);
  });

  it('gives an empty list for no rows, and one row or none to get', () => {
    expect(db.prepare('SELECT * FROM t WHERE id < 0').raw(true).all()).toEqual([]);
    expect(db.prepare('SELECT id, quote FROM t WHERE id = 42').raw(true).get()).toEqual([42, expected[42]![1]]);
    expect(db.prepare('SELECT id FROM t WHERE id < 0').raw(true).get()).toBeUndefined();
  });

  it('keeps object rows and safe integers as they were', () => {
    expect(db.prepare('SELECT id, note FROM t WHERE id IN (3, 4) ORDER BY id').all()).toEqual([{ id: 3, note: null }, { id: 4, note: 'note 4' }]);
    expect(db.prepare('SELECT n FROM t WHERE id = 0').safeIntegers(true).raw(true).all()).toEqual([[-5_000n]]);
  });

  it('reads a row of many columns', () => {
    const columns = Array.from({ length: 120 }, (_, i) => `${i} AS c${i}`).join(', ');
    expect(db.prepare(`SELECT ${columns}`).raw(true).get()).toEqual(Array.from({ length: 120 }, (_, i) => i));
  });
});

describe('the rebuild after install (scripts/sqlite-driver.mjs)', () => {
  it('hashes the patches by name and content, and finds none in an empty folder', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-patches-'));
    try {
      expect(patchesHash(dir)).toBeNull();
      fs.writeFileSync(path.join(dir, 'better-sqlite3+1.0.0.patch'), 'a');
      fs.writeFileSync(path.join(dir, 'other+1.0.0.patch'), 'b');
      const first = patchesHash(dir);
      expect(first).toMatch(/^[0-9a-f]{64}$/);
      fs.writeFileSync(path.join(dir, 'better-sqlite3+1.0.0.patch'), 'a2');
      expect(patchesHash(dir)).not.toBe(first);
      fs.writeFileSync(path.join(dir, 'other+1.0.0.patch'), 'b2');
      expect(patchesHash(dir)).toBe(patchesHash(dir));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rebuilds only when the binary is not from the current patches, on a Node that compiles them', () => {
    expect(needsRebuild({ hash: 'h', builtFrom: null, moduleVersion: 115 })).toBe(true);
    expect(needsRebuild({ hash: 'h', builtFrom: 'old', moduleVersion: 115 })).toBe(true);
    expect(needsRebuild({ hash: 'h', builtFrom: 'h', moduleVersion: 115 })).toBe(false);
    expect(needsRebuild({ hash: null, builtFrom: null, moduleVersion: 115 })).toBe(false);
    // Node ≥ 22 (modules 127 and up) compiles the driver's own array-at-once code, not the patched lines.
    expect(needsRebuild({ hash: 'h', builtFrom: null, moduleVersion: 127 })).toBe(false);
  });

  it('marks a build that succeeded, and puts the binary from before back when one fails (node-gyp empties build/ first)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-driver-'));
    const binary = path.join(dir, 'build', 'Release', 'better_sqlite3.node');
    try {
      fs.mkdirSync(path.dirname(binary), { recursive: true });
      fs.writeFileSync(binary, 'as npm installed it');
      const failing = () => {
        fs.rmSync(path.join(dir, 'build'), { recursive: true, force: true });
        return false;
      };
      expect(rebuildDriver(dir, 'h1', failing)).toBe(false);
      expect(fs.readFileSync(binary, 'utf8')).toBe('as npm installed it');
      expect(fs.existsSync(path.join(dir, MARKER))).toBe(false);

      const succeeding = () => {
        fs.writeFileSync(binary, 'patched');
        return true;
      };
      expect(rebuildDriver(dir, 'h1', succeeding)).toBe(true);
      expect(fs.readFileSync(binary, 'utf8')).toBe('patched');
      expect(fs.readFileSync(path.join(dir, MARKER), 'utf8').trim()).toBe('h1');

      // A later failed build leaves no marker claiming the patches it did not build.
      expect(rebuildDriver(dir, 'h2', () => false)).toBe(false);
      expect(fs.readFileSync(binary, 'utf8')).toBe('patched');
      expect(fs.existsSync(path.join(dir, MARKER))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('left this install with a driver built from the current patches', () => {
    const hash = patchesHash(path.join(projectRoot, 'patches'));
    expect(hash).not.toBeNull();
    const marker = path.join(projectRoot, 'node_modules', 'better-sqlite3', MARKER);
    const builtFrom = fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8').trim() : null;
    expect(needsRebuild({ hash, builtFrom, moduleVersion: Number(process.versions.modules) })).toBe(false);
  });
});
