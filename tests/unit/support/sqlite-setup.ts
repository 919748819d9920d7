// Vitest globalSetup of the `sqlite` project: one template database migrated
// once for the run; every useDatabase() copies the file (support/database.ts),
// which is much faster than migrating each one. Removed at the end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { applyPendingMigrations } from '../../../lib/db/schema-engine';

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-sqlite-template-'));
  const template = path.join(dir, 'template.db');
  await applyPendingMigrations(`file:${template}`);
  project.provide('sqliteTemplate', template);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
