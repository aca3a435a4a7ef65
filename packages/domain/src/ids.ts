import { randomUUID } from 'node:crypto';

/**
 * UUID version 7 (RFC 9562): time-ordered, so new rows land at the end of primary-key indexes
 * instead of at random pages, and IDs are not guessable like sequential integers. The 74 random
 * bits come from a version 4 UUID (Node draws those from a cached pool of entropy, where
 * `randomBytes(16)` asks the system for each one): its variant bits stay, its time bits are replaced.
 */
export function uuidv7(now: number = Date.now()): string {
  const random = randomUUID();
  const time = now.toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15, 18)}-${random.slice(19)}`;
}
