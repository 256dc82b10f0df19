#!/usr/bin/env node
// Stand-in for Prisma's native schema engine, which cannot be downloaded offline. `prisma
// generate` never runs it; every command that would (migrate, db push) must fail loudly
// instead of reporting success having done nothing.
console.error(
  "schema engine not available offline: use 'npm run db:migrate' or 'npm run db:migrate:new'",
);
process.exit(1);
