import { hash, type Options, verify } from '@node-rs/argon2';

export { MIN_PASSWORD_LENGTH } from '@meditrack/contract';

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane). `algorithm: 2` is Argon2id; the package
// exports it as an ambient const enum, which isolated modules cannot read.
const ARGON2ID_OPTIONS: Options = {
  algorithm: 2 as Options['algorithm'],
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID_OPTIONS);
}

/** False for a wrong password and for a malformed stored hash alike: callers answer one way for both. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash of a random password, verified against when the account does not exist, so that an unknown
 * email costs as much time as a wrong password and response timing does not reveal who has an account.
 */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(crypto.randomUUID());
  return decoyHash;
}
