// npm run db:migrate:new -- <name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql for the changes in
// prisma/schema.prisma, working against a throwaway in-memory database (no server needed).
import { createMigration } from '../migrate/create';
import { fail, print, stderrLogger } from './cli-logger';

const name = process.argv[2];
if (name === undefined || process.argv.length > 3) {
  process.stderr.write('usage: npm run db:migrate:new -- <name>   (lower_snake_case)\n');
  process.exit(2);
}

try {
  const result = await createMigration(name, { log: stderrLogger });
  if (result.status === 'no_changes') {
    print('The schema matches the migrations: nothing to do.');
  } else {
    print(`Created ${result.scriptPath}`);
    for (const warning of [...result.warnings, ...result.unexecutable]) {
      print(`  warning: ${warning}`);
    }
  }
} catch (error) {
  fail(error);
}
