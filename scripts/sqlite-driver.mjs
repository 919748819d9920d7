// Rebuilds better-sqlite3 from its source once patch-package has applied
// patches/better-sqlite3+<version>.patch (postinstall, after patch-package).
//
// Why the patch: on Node < 22 (V8 before 12.4) better-sqlite3 builds every row
// of a result by setting its values one at a time through V8's API (Object::Set
// on a growing array), and the result array the same way. The patch collects
// them first and makes each array in one call (Array::New with its elements), as
// the driver's own code for Node ≥ 22 does. Every read pays that per value: the
// JSON archive of 100,000 claims, millions of values, took about 0.7 s less with
// the patch (README, Exports). On Node ≥ 22 the patched lines are not compiled
// in, so there is nothing to rebuild.
//
// The rebuild is skipped when the binary already comes from these patches (a
// marker beside it holds their hash). When it fails (no compiler on the
// machine), the driver npm installed is put back: slower, not broken; this says so.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const driver = path.join(root, 'node_modules', 'better-sqlite3');
const BINARY = path.join('build', 'Release', 'better_sqlite3.node');
/** Beside the binary: the hash of the patches it was built from. */
export const MARKER = path.join('build', 'Release', 'crux-patches.sha256');

/** The hash of the patches for better-sqlite3, in name order; null when there are none. */
export function patchesHash(dir = path.join(root, 'patches')) {
  const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.startsWith('better-sqlite3+')).sort() : [];
  if (names.length === 0) return null;
  const hash = crypto.createHash('sha256');
  for (const name of names) hash.update(name).update('\0').update(fs.readFileSync(path.join(dir, name)));
  return hash.digest('hex');
}

/** Whether the binary must be built again: patches exist, their lines are compiled on this Node, and the binary is not from them. */
export function needsRebuild({ hash, builtFrom, moduleVersion }) {
  return hash !== null && moduleVersion < 127 && builtFrom !== hash;
}

/**
 * Builds the driver in `dir` with `build` (true when it succeeded) and marks the binary with
 * `hash`. node-gyp empties build/ before it compiles, so the binary there before is set aside
 * and put back when the build fails: the driver npm installed, slower, rather than none.
 * True when the patched build is in place.
 */
export function rebuildDriver(dir, hash, build) {
  const binary = path.join(dir, BINARY);
  const before = fs.existsSync(binary) ? fs.readFileSync(binary) : null;
  if (build()) {
    fs.writeFileSync(path.join(dir, MARKER), `${hash}\n`);
    return true;
  }
  fs.rmSync(path.join(dir, MARKER), { force: true });
  if (before) {
    fs.mkdirSync(path.dirname(binary), { recursive: true });
    fs.writeFileSync(binary, before);
  }
  return false;
}

function main() {
  const hash = patchesHash();
  const marker = path.join(driver, MARKER);
  const builtFrom = fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8').trim() : null;
  if (!needsRebuild({ hash, builtFrom, moduleVersion: Number(process.versions.modules) })) return;
  console.log('Building better-sqlite3 with patches/ (about a minute)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const built = rebuildDriver(driver, hash, () => spawnSync(npm, ['run', 'build-release'], { cwd: driver, stdio: 'inherit' }).status === 0);
  if (!built) console.warn('Warning: better-sqlite3 could not be rebuilt with its patch (is a C++ compiler installed?). Crux runs on the driver npm installed, its reads slower.');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
