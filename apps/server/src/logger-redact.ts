/**
 * Removes secrets and personal data from a finished log line, whatever code wrote it: the
 * value of every field whose name says it holds one, and, in every other text, what reads
 * like a phone number, a bearer token, a signature or a long random token.
 */

export const CENSOR = '[redacted]';

/**
 * Field names (compared in lower case without `_`, `-` or `.`) whose whole value is removed,
 * at any depth. Phone numbers and answers are personal data; the rest are credentials.
 */
const SENSITIVE_FIELDS = new Set([
  // credentials and signatures
  'authorization',
  'cookie',
  'setcookie',
  'xhubsignature256',
  'xsflowsignature',
  'signature',
  'password',
  'secret',
  'appsecret',
  'token',
  'accesstoken',
  'apitoken',
  'flowtoken',
  'flowtokensignature',
  'verifytoken',
  'hubverifytoken',
  'webhookverifytoken',
  'privatekey',
  'masterkey',
  'databaseurl',
  'otp',
  'onetimecode',
  // what opens a file picked at the data endpoint: its CDN address and keys (spec B7)
  'cdnurl',
  'encryptionmetadata',
  'encryptionkey',
  'hmackey',
  // phone numbers and the people behind them
  'waid',
  'from',
  'to',
  'recipient',
  'phone',
  'phonenumber',
  'displayphonenumber',
  'recipientid',
  // a business-scoped user id names a person as a phone number does
  'userid',
  'parentuserid',
  'customer',
  'profile',
  'email',
  // answers and message contents
  'responsejson',
  'answers',
  'text',
  'caption',
  'body',
  'rawbody',
  'raw',
  'decrypted',
  'decryptedrequest',
  'decryptedreply',
  'decryptedpayload',
]);

/**
 * Fields holding ids keep their text: Meta's (long digit runs that are not phone numbers) and
 * message ids (`wamid`), which operators follow through the log.
 */
const ID_FIELD = /id$|ids$|^wamid$/;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Patterns replaced inside any text; each keeps a hint of what was there. */
const FREE_TEXT_RULES: [RegExp, (match: string) => string][] = [
  [/\bBearer\s+[^\s"',;]+/gi, () => `Bearer ${CENSOR}`],
  [/\bsha256=[0-9a-f]{8,}/gi, () => `sha256=${CENSOR}`],
  // Long runs of token characters that look random (hexadecimal, or mixed-case letters with
  // digits): access tokens, app secrets, flow tokens, one-time links. UUIDs and long names
  // made of words (`20260101000000_add_connections`) stay.
  [
    /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])/g,
    (run) => (looksRandom(run) ? CENSOR : run),
  ],
  // An international phone number is at most 15 digits (E.164); 7 or more read as one.
  [/(?<![\w.:/-])\+?\d{7,15}(?![\w.:/-])/g, () => CENSOR],
];

function looksRandom(run: string): boolean {
  if (UUID.test(run)) {
    return false;
  }

  return /^[0-9a-f]+$/i.test(run) || (/[a-z]/.test(run) && /[A-Z]/.test(run) && /\d/.test(run));
}

export function redactText(text: string): string {
  return FREE_TEXT_RULES.reduce(
    (result, [pattern, replace]) => result.replace(pattern, replace),
    text,
  );
}

/** A copy of a parsed log value with every sensitive field and free-text secret removed. */
export function redactValue(value: unknown, field = ''): unknown {
  const name = field.toLowerCase().replace(/[-_.]/g, '');
  if (isSensitiveField(name)) {
    return value === null || value === undefined || value === '' ? value : CENSOR;
  }
  if (typeof value === 'string') {
    return ID_FIELD.test(name) ? value : redactText(value);
  }
  if (Array.isArray(value)) {
    return value.map((item) => redactValue(item, field));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, redactValue(inner, key)]),
    );
  }

  return value;
}

function isSensitiveField(name: string): boolean {
  return (
    SENSITIVE_FIELDS.has(name) ||
    name.startsWith('decrypted') ||
    name.endsWith('waid') ||
    (name.includes('phone') && !name.endsWith('id'))
  );
}

/**
 * For pino's `streamWrite` hook: one serialized line in, the same line redacted out. A line
 * that is not JSON (it should not happen) is treated as free text.
 */
export function redactLogLine(line: string): string {
  try {
    return `${JSON.stringify(redactValue(JSON.parse(line)))}\n`;
  } catch {
    return redactText(line);
  }
}
