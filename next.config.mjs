/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native drivers and the Prisma adapters load at run time from node_modules.
  serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3', '@prisma/adapter-pg', 'pg', '@node-rs/argon2'],
  poweredByHeader: false,
};

export default nextConfig;
