import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to the embedded database on localhost:3000', () => {
    const config = loadConfig({});

    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      logLevel: 'info',
    });
    expect(config.dataDir).toBe(path.resolve('.sflow'));
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).port).toBe(3000);
  });

  it('names every bad variable in one error', () => {
    const load = () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });

    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/PORT="eighty"/);
    expect(load).toThrow(/DATABASE_URL="mysql:\/\/x": must be a postgresql:\/\/ connection URL/);
    expect(load).toThrow(/LOG_LEVEL="loud"/);
  });

  it('accepts a PostgreSQL URL and a port override', () => {
    const config = loadConfig({ PORT: '8080', DATABASE_URL: 'postgresql://app@db:5432/flows' });

    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBe('postgresql://app@db:5432/flows');
  });
});
