import { db } from '@/lib/db/client';
import { json } from '@/lib/http';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    await db().$queryRaw`SELECT 1`;
    return json({ status: 'ok', database: 'ok' });
  } catch {
    return json({ status: 'degraded', database: 'unreachable' }, 503);
  }
}
