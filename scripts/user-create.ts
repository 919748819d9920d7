// npm run user:create -- --email <e> --role <admin|editor|reviewer> [--name <n>]
// The password comes from CRUX_PASSWORD or is asked for (not shown as it is
// typed), never from the command line, where `ps` and the shell's history show it.
import { databaseUrl } from '../lib/config';
import { createDb } from '../lib/db/client';
import { upsertUser } from '../lib/services/users';
import { loadEnv, parseFlags, readSecret, runCli } from './cli';

await runCli(async () => {
  loadEnv();
  const flags = parseFlags(process.argv.slice(2));
  if ('password' in flags) {
    throw new Error(
      '--password is not accepted: a password on the command line is visible to other users in `ps` and stays in the shell history. ' +
        'Set CRUX_PASSWORD in the environment, or leave it out to be asked for it (what you type is not shown).',
    );
  }
  const password = process.env.CRUX_PASSWORD ?? (await readSecret('Password: ', 'Password again: '));
  const db = createDb(databaseUrl());
  const { user, created } = await upsertUser(db, { email: flags.email, password, role: flags.role, name: flags.name });
  console.log(`${created ? 'Created' : 'Updated'} ${user.role} ${user.email} (${user.id})`);
  await db.$disconnect();
});
