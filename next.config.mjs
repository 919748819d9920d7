import createNextIntlPlugin from 'next-intl/plugin';

// Interface language per request (cookie, then Accept-Language): app/i18n/request.ts.
const withNextIntl = createNextIntlPlugin('./app/i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native drivers and the Prisma adapters load at run time from node_modules.
  serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3', '@prisma/adapter-pg', 'pg', '@node-rs/argon2'],
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tsc, tests included) before its end-to-end run builds
  // the app, which sets CRUX_BUILD_TYPECHECKED=1 (playwright.config.ts) so that the build does not
  // check the same sources a second time (19 s here). Every other build checks types as usual.
  typescript: { ignoreBuildErrors: process.env.CRUX_BUILD_TYPECHECKED === '1' },
  // Every page's metadata (its <title>) in the <head>, never streamed in after the body: a
  // tab, a screen reader and a link preview get the title at once, and a page's bytes do not
  // depend on how fast its metadata resolved (two anonymous answers for an article that
  // exists and one that does not must be the same page: tests/e2e/18-headers.spec.ts).
  // The cost is one short wait before the first byte: generateMetadata reads one title at most.
  htmlLimitedBots: /.*/,
  // Security headers (CSP with a nonce per page, HSTS over HTTPS…) are set for every response in proxy.ts.
};

export default withNextIntl(nextConfig);
