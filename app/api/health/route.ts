import { db } from '@/lib/db/client';
import { json } from '@/lib/http';
import { checkHealth } from '@/lib/services/health';

export const dynamic = 'force-dynamic';

export async function GET() {
  const { httpStatus, body } = await checkHealth(db());
  return json(body, httpStatus);
}
