import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { ConfigError, loadConfig, serverUrl } from './config';

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
    const load = () =>
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://app:S3cret@db/x',
        LOG_LEVEL: 'loud',
        HOST: 'not a host!',
      });

    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/PORT="eighty"/);
    expect(load).toThrow(/DATABASE_URL=\(value hidden\): must be a postgresql:\/\/ connection URL/);
    expect(load).toThrow(/HOST="not a host!": must be an IP address or a host name/);
    expect(load).not.toThrow(/S3cret/);
    expect(load).toThrow(/LOG_LEVEL="loud"/);
  });

  it('accepts a PostgreSQL URL and a port override', () => {
    const config = loadConfig({ PORT: '8080', DATABASE_URL: 'postgresql://app@db:5432/flows' });

    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBe('postgresql://app@db:5432/flows');
  });
});

describe('secrets configuration', () => {
  const HEX_KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

  it('reads SFLOW_MASTER_KEY as hex or base64 of 32 bytes', () => {
    const fromHex = loadConfig({ SFLOW_MASTER_KEY: HEX_KEY }).masterKey;
    const base64 = Buffer.from(HEX_KEY, 'hex').toString('base64');
    const fromBase64 = loadConfig({ SFLOW_MASTER_KEY: base64 }).masterKey;

    expect(fromHex?.toString('hex')).toBe(HEX_KEY);
    expect(fromBase64?.toString('hex')).toBe(HEX_KEY);
    expect(loadConfig({}).masterKey).toBeUndefined();
  });

  it('refuses a master key of the wrong size without printing it', () => {
    const tooShort = Buffer.alloc(16, 7).toString('base64');
    const load = () => loadConfig({ SFLOW_MASTER_KEY: tooShort });

    expect(load).toThrow(/SFLOW_MASTER_KEY=\(value hidden\): must be 32 random bytes/);
    expect(messageOf(load)).not.toContain(tooShort);
    expect(() => loadConfig({ SFLOW_MASTER_KEY: 'not a key at all!' })).toThrow(/SFLOW_MASTER_KEY/);
  });

  it("reads the send rate per phone number, Meta's standard 80 by default", () => {
    expect(loadConfig({}).sendsPerSecond).toBe(80);
    expect(loadConfig({ SFLOW_SEND_RATE_PER_SECOND: '250' }).sendsPerSecond).toBe(250);
    expect(() => loadConfig({ SFLOW_SEND_RATE_PER_SECOND: '0' })).toThrow(
      /SFLOW_SEND_RATE_PER_SECOND/,
    );
  });

  it("reads the data endpoint budget, capped below Meta's deadline, and the HTTP allowlist", () => {
    expect(loadConfig({}).endpointBudgetMs).toBe(3000);
    expect(loadConfig({ SFLOW_ENDPOINT_BUDGET_MS: '9000' }).endpointBudgetMs).toBe(9000);
    expect(() => loadConfig({ SFLOW_ENDPOINT_BUDGET_MS: '9001' })).toThrow(
      /SFLOW_ENDPOINT_BUDGET_MS/,
    );
    expect(loadConfig({}).httpAllowedHosts).toEqual([]);
    expect(
      loadConfig({ SFLOW_HTTP_ALLOWED_HOSTS: ' Intranet.Local, 10.0.0.5 ,,' }).httpAllowedHosts,
    ).toEqual(['intranet.local', '10.0.0.5']);
  });

  it('gives replaced keys a week by default', () => {
    expect(loadConfig({}).keyRotationGraceHours).toBe(168);
    expect(loadConfig({ SFLOW_KEY_ROTATION_GRACE_HOURS: '2' }).keyRotationGraceHours).toBe(2);
    expect(() => loadConfig({ SFLOW_KEY_ROTATION_GRACE_HOURS: '-1' })).toThrow(
      /SFLOW_KEY_ROTATION_GRACE_HOURS/,
    );
  });
});

function messageOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }

  return '';
}

describe('serverUrl', () => {
  it('names localhost for every spelling of the unspecified address, and brackets IPv6', () => {
    const urls = [
      '0.0.0.0',
      '::',
      '::0',
      '0:0:0:0:0:0:0:0',
      '0',
      '127.0.0.1',
      '::1',
      'flows.test',
    ].map((host) => serverUrl({ host, tls: undefined }, 3000));
    const tls = serverUrl({ host: '0.0.0.0', tls: { certFile: 'c', keyFile: 'k' } }, 8443);

    expect(urls).toEqual([
      'http://localhost:3000',
      'http://localhost:3000',
      'http://localhost:3000',
      'http://localhost:3000',
      'http://localhost:3000',
      'http://127.0.0.1:3000',
      'http://[::1]:3000',
      'http://flows.test:3000',
    ]);
    expect(tls).toBe('https://localhost:8443');
  });
});
