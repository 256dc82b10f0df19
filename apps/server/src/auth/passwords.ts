import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';

/** At least 10 characters: long enough that guessing through the rate limit is hopeless. */
export const PasswordSchema = z
  .string()
  .min(10, 'a password needs at least 10 characters')
  .max(256, 'a password has at most 256 characters');

// OWASP's baseline for argon2id: 19 MiB of memory, 2 passes, 1 lane (the library's default).
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** An argon2id PHC string (`$argon2id$v=19$m=…`), salt included. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

// Verified when the email is unknown, so that an unknown address takes as long to refuse as
// a wrong password and timing does not tell which addresses have accounts.
let decoy: Promise<string> | undefined;

/** Whether `password` matches `passwordHash`; with no hash, spends the same time and says no. */
export async function verifyPassword(
  passwordHash: string | null,
  password: string,
): Promise<boolean> {
  if (passwordHash === null) {
    decoy ??= hashPassword('decoy password never matched');
    await verify(await decoy, password).catch(() => false);

    return false;
  }

  return verify(passwordHash, password).catch(() => false);
}
