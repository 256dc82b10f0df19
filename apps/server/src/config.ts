import { isIPv6 } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

import { parseMasterKey } from './secrets/master-key';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A comma-separated list of host names, lower-cased, blanks dropped. */
const HostListSchema = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((host) => host.trim().toLowerCase())
      .filter((host) => host !== ''),
  );

/**
 * Which proxies' `X-Forwarded-For` to believe: none (default), a number of hops, or a list of
 * addresses, subnets or Express's names (`loopback`, `linklocal`, `uniquelocal`). `true` is
 * refused: believing every client lets anyone pick the address the rate limits count by.
 */
const TrustProxySchema = z
  .string()
  .default('false')
  .transform((value, context): false | number | string[] => {
    const text = value.trim().toLowerCase();
    if (text === 'false' || text === '0') {
      return false;
    }
    if (/^\d+$/.test(text)) {
      return Number(text);
    }
    const entries = text.split(',').map((entry) => entry.trim());
    if (text === 'true' || !entries.every(isProxyAddress)) {
      context.addIssue({
        code: 'custom',
        message:
          'must be the number of proxies in front of the server (e.g. 1), or their addresses or ' +
          'subnets (e.g. loopback,10.0.0.0/8); "true" would trust any client',
      });

      return z.NEVER;
    }

    return entries;
  });

function isProxyAddress(entry: string): boolean {
  const [address = '', bits, ...rest] = entry.split('/');
  const named = ['loopback', 'linklocal', 'uniquelocal'].includes(address);
  const ip = z.union([z.ipv4(), z.ipv6()]).safeParse(address).success;

  return (
    rest.length === 0 &&
    (named ? bits === undefined : ip) &&
    (bits === undefined || /^\d{1,3}$/.test(bits))
  );
}

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z
    .union([z.ipv4(), z.ipv6(), z.hostname()], {
      error: 'must be an IP address or a host name, e.g. 127.0.0.1 or 0.0.0.0',
    })
    .default('127.0.0.1'),
  SFLOW_ALLOWED_HOSTS: HostListSchema,
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgresql:// connection URL' })
    .optional(),
  SFLOW_DATA_DIR: z.string().min(1).default('.sflow'),
  SFLOW_EDITOR_DIR: z.string().min(1).optional(),
  SFLOW_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  SFLOW_MASTER_KEY: z
    .string()
    .transform((value, context) => {
      const key = parseMasterKey(value);
      if (!key) {
        context.addIssue({
          code: 'custom',
          message:
            'must be 32 random bytes as 64 hex digits or base64 (e.g. the output of "openssl rand -base64 32")',
        });

        return z.NEVER;
      }

      return key;
    })
    .optional(),
  SFLOW_KEY_ROTATION_GRACE_HOURS: z.coerce
    .number()
    .min(0)
    .default(7 * 24),
  SFLOW_ENDPOINT_BUDGET_MS: z.coerce.number().int().min(100).max(9000).default(3000),
  SFLOW_HTTP_ALLOWED_HOSTS: HostListSchema,
  SFLOW_SEND_RATE_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(80),
  SFLOW_META_SIM: z
    .enum(['0', '1', 'false', 'true'], { error: 'must be 1 or 0' })
    .default('0')
    .transform((value) => value === '1' || value === 'true'),
  SFLOW_META_SIM_PORT: z.coerce.number().int().min(0).max(65_535).default(3001),
  SFLOW_LOG_FILE: z.string().min(1).optional(),
  SFLOW_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(14),
  SFLOW_TRUST_PROXY: TrustProxySchema,
  SFLOW_TLS_CERT: z.string().min(1).optional(),
  SFLOW_TLS_KEY: z.string().min(1).optional(),
  SFLOW_ENDPOINT_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(6000),
  SFLOW_WEBHOOK_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(30_000),
  SFLOW_PUBLIC_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(20),
});

// Variables whose value never appears in an error message.
const SECRET_VARIABLES = new Set(['SFLOW_MASTER_KEY', 'DATABASE_URL']);

export interface Config {
  port: number;
  host: string;
  /**
   * Host names the editor and API answer to (the `Host` header), besides localhost; `*` for
   * any. Guards against DNS rebinding: a web page cannot reach the API through its own name.
   */
  allowedHosts: string[];
  databaseUrl: string | undefined;
  dataDir: string;
  editorDir: string | undefined;
  shutdownTimeoutMs: number;
  logLevel: (typeof LOG_LEVELS)[number];
  /** From `SFLOW_MASTER_KEY`; without it the key lives in `<dataDir>/master.key`. */
  masterKey: Buffer | undefined;
  /** How long a replaced key pair still decrypts data-endpoint calls. */
  keyRotationGraceHours: number;
  /** How long the data endpoint's logic may run per request (Meta gives up after 10 s). */
  endpointBudgetMs: number;
  /** Private hosts the Flows' HTTP steps may call anyway (an intranet API of the business). */
  httpAllowedHosts: string[];
  /** Messages sent per second per phone number (Meta's standard throughput is 80). */
  sendsPerSecond: number;
  /** Start the local Meta stand-in beside the server, joined to it by a demo connection. */
  metaSim: { enabled: boolean; port: number };
  /** Logs go to this file, rolled daily, instead of standard output; kept `retentionDays`. */
  logFile: { file: string; retentionDays: number } | undefined;
  /** Express's `trust proxy`: whose `X-Forwarded-For` names the client (false: nobody's). */
  trustProxy: false | number | string[];
  /** Certificate and key (PEM files) to serve HTTPS with, HSTS on; plain HTTP without. */
  tls: { certFile: string; keyFile: string } | undefined;
  /**
   * Accepted calls per minute per Flow on the data endpoint and per connection on webhooks;
   * posts per minute per client address to the sign-in and data request pages.
   */
  rateLimits: { endpointPerMinute: number; webhookPerMinute: number; publicPerMinute: number };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads the configuration once from the environment. Every bad variable is named in one
 * error, so an operator fixes them all in one go.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const variable = issue.path.join('.');

      const shown = SECRET_VARIABLES.has(variable)
        ? '(value hidden)'
        : JSON.stringify(env[variable] ?? '');

      return `  ${variable}=${shown}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const values = parsed.data;

  return {
    port: values.PORT,
    host: values.HOST,
    allowedHosts: values.SFLOW_ALLOWED_HOSTS,
    databaseUrl: values.DATABASE_URL,
    dataDir: path.resolve(values.SFLOW_DATA_DIR),
    editorDir: values.SFLOW_EDITOR_DIR && path.resolve(values.SFLOW_EDITOR_DIR),
    shutdownTimeoutMs: values.SFLOW_SHUTDOWN_TIMEOUT_MS,
    logLevel: values.LOG_LEVEL,
    masterKey: values.SFLOW_MASTER_KEY,
    keyRotationGraceHours: values.SFLOW_KEY_ROTATION_GRACE_HOURS,
    endpointBudgetMs: values.SFLOW_ENDPOINT_BUDGET_MS,
    httpAllowedHosts: values.SFLOW_HTTP_ALLOWED_HOSTS,
    sendsPerSecond: values.SFLOW_SEND_RATE_PER_SECOND,
    metaSim: { enabled: values.SFLOW_META_SIM, port: values.SFLOW_META_SIM_PORT },
    logFile:
      values.SFLOW_LOG_FILE === undefined
        ? undefined
        : {
            file: path.resolve(values.SFLOW_LOG_FILE),
            retentionDays: values.SFLOW_LOG_RETENTION_DAYS,
          },
    trustProxy: values.SFLOW_TRUST_PROXY,
    tls: tlsFiles(values.SFLOW_TLS_CERT, values.SFLOW_TLS_KEY),
    rateLimits: {
      endpointPerMinute: values.SFLOW_ENDPOINT_RATE_PER_MINUTE,
      webhookPerMinute: values.SFLOW_WEBHOOK_RATE_PER_MINUTE,
      publicPerMinute: values.SFLOW_PUBLIC_RATE_PER_MINUTE,
    },
  };
}

/** The embedded database's folder, inside the data folder. */
export function embeddedDatabaseDir(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'database');
}

/**
 * The address the server answers at: its scheme, host and port. A server listening on every
 * address is reached at `localhost`.
 */
export function serverUrl(config: Pick<Config, 'host' | 'tls'>, port: number): string {
  const scheme = config.tls ? 'https' : 'http';
  if (isEveryAddress(config.host)) {
    return `${scheme}://localhost:${port}`;
  }
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  return `${scheme}://${host}:${port}`;
}

/** The unspecified address, listening on every interface: `0.0.0.0`, `::`, `::0`, `0`. */
export function isEveryAddress(host: string): boolean {
  if (isIPv6(host)) {
    return host.split(':').every((group) => group === '' || /^0+$/.test(group));
  }

  return /^0+(\.0+){0,3}$/.test(host);
}

/** Both files or neither: one without the other is a mistake to report, not to guess around. */
function tlsFiles(cert: string | undefined, key: string | undefined): Config['tls'] {
  if (cert === undefined && key === undefined) {
    return undefined;
  }
  if (cert === undefined || key === undefined) {
    const missing = cert === undefined ? 'SFLOW_TLS_CERT' : 'SFLOW_TLS_KEY';
    throw new ConfigError(
      `Invalid configuration:\n  ${missing}: must be set too (HTTPS needs both SFLOW_TLS_CERT and SFLOW_TLS_KEY)`,
    );
  }

  return { certFile: path.resolve(cert), keyFile: path.resolve(key) };
}
