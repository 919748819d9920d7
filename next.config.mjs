import createNextIntlPlugin from 'next-intl/plugin';

// Interface language per request (cookie, then Accept-Language): app/i18n/request.ts.
const withNextIntl = createNextIntlPlugin('./app/i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native drivers and the Prisma adapters load at run time from node_modules.
  serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3', '@prisma/adapter-pg', 'pg', '@node-rs/argon2'],
  poweredByHeader: false,
  // Security headers (CSP with a nonce per page, HSTS over HTTPS…) are set for every response in proxy.ts.
};

export default withNextIntl(nextConfig);
