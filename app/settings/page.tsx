import { requireSignedIn } from '@/app/auth';
import { TokenManager } from '@/components/token-manager';
import { db } from '@/lib/db/client';
import { listTokens } from '@/lib/services/tokens';

export const metadata = { title: 'Settings' };
export const dynamic = 'force-dynamic';

export default async function SettingsPage() {
  const actor = await requireSignedIn('/settings');
  const tokens = await listTokens(db(), actor.id);
  return (
    <section className="narrow">
      <h1>Settings</h1>
      <p>
        Signed in as {actor.email} ({actor.role}).
      </p>
      <TokenManager tokens={tokens} />
    </section>
  );
}
