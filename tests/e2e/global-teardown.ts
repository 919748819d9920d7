import fs from 'node:fs';

export default function globalTeardown() {
  const dir = process.env.CRUX_E2E_DIR;
  if (dir && dir.includes('crux-e2e-')) fs.rmSync(dir, { recursive: true, force: true });
}
