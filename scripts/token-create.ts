// npm run token:create -- --email <email> [--name <label>]
// Prints the new personal access token alone on the last line: it is shown once.
import { databaseUrl } from '../lib/config';
import { createDb } from '../lib/db/client';
import { invalidField } from '../lib/errors';
import { createToken } from '../lib/services/tokens';
import { findActorByEmail } from '../lib/services/users';
import { loadEnv, parseFlags, runCli } from './cli';

await runCli(async () => {
  loadEnv();
  const flags = parseFlags(process.argv.slice(2));
  if (!flags.email) throw invalidField('email', 'Give the account with --email <email>.');
  const db = createDb(databaseUrl());
  const user = await findActorByEmail(db, flags.email);
  if (!user) throw invalidField('email', `No account with email ${flags.email}; create it with npm run user:create.`);
  const { token, info } = await createToken(db, user.id, { name: flags.name ?? `cli ${new Date().toISOString().slice(0, 10)}` });
  console.log(`Created token "${info.name}" for ${user.email} (${user.role}). Store it now; it will not be shown again:`);
  console.log(token);
  await db.$disconnect();
});
