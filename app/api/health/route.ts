import { db } from '@/lib/db/client';
import { json } from '@/lib/http';
import { databaseIsReachable } from '@/lib/services/health';

export const dynamic = 'force-dynamic';

export async function GET() {
  return (await databaseIsReachable(db()))
    ? json({ status: 'ok', database: 'ok' })
    : json({ status: 'degraded', database: 'unreachable' }, 503);
}
