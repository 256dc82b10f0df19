import pino from 'pino';
import { z } from 'zod';

import { createMetaSim } from './sim';

const EnvSchema = z.object({
  SFLOW_META_SIM_PORT: z.coerce.number().int().min(0).max(65_535).default(3001),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** `npm start -w @sanjay-flow/meta-sim`: the stand-in alone, on 127.0.0.1, until Ctrl+C. */
async function main(): Promise<void> {
  const env = EnvSchema.safeParse(process.env);
  if (!env.success) {
    process.stderr.write(`Invalid configuration: ${z.prettifyError(env.error)}\n`);
    process.exit(2);
  }
  const log = pino({ level: env.data.LOG_LEVEL, base: { service: 'meta-sim' } });
  const sim = await createMetaSim({ port: env.data.SFLOW_META_SIM_PORT, log });
  process.stderr.write(
    `\nMeta stand-in at ${sim.url}: Graph API ${sim.url}/v23.0, control API ${sim.url}/_sim\n\n`,
  );
  const stop = () => {
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();
