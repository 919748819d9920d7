// npm run user:create -- --email <e> --password <p> --role <admin|editor|reviewer> [--name <n>]
import { databaseUrl } from '../lib/config';
import { createDb } from '../lib/db/client';
import { upsertUser } from '../lib/services/users';
import { loadEnv, parseFlags, runCli } from './cli';

await runCli(async () => {
  loadEnv();
  const flags = parseFlags(process.argv.slice(2));
  const db = createDb(databaseUrl());
  const { user, created } = await upsertUser(db, { email: flags.email, password: flags.password, role: flags.role, name: flags.name });
  console.log(`${created ? 'Created' : 'Updated'} ${user.role} ${user.email} (${user.id})`);
  await db.$disconnect();
});
