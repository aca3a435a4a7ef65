import { DomainError } from '@meditrack/domain';
import type { ApiConfig } from '../config.js';
import type { CounterStore } from '../http/counter-store.js';

/**
 * Brute-force protection for login: at most LOGIN_MAX_PER_ACCOUNT attempts per account and
 * LOGIN_MAX_PER_ADDRESS per client address in LOGIN_WINDOW_SECONDS, right or wrong password alike
 * (so guessing gains nothing from a correct try). A success clears the account's count.
 */
export class LoginThrottle {
  constructor(
    private readonly store: CounterStore,
    private readonly config: ApiConfig,
  ) {}

  async check(account: string, address: string): Promise<void> {
    const env = this.config.env;
    const windowMs = env.LOGIN_WINDOW_SECONDS * 1000;
    const [byAccount, byAddress] = await Promise.all([
      this.store.hit(`login:account:${account.toLowerCase()}`, windowMs),
      this.store.hit(`login:address:${address}`, windowMs),
    ]);
    const over = [
      byAccount.count > env.LOGIN_MAX_PER_ACCOUNT ? byAccount.resetAt : 0,
      byAddress.count > env.LOGIN_MAX_PER_ADDRESS ? byAddress.resetAt : 0,
    ];
    const until = Math.max(...over);
    if (until > 0) {
      const retryAfterSeconds = Math.max(1, Math.ceil((until - Date.now()) / 1000));
      throw new DomainError('RATE_LIMITED', {
        message: `Too many login attempts; try again in ${retryAfterSeconds} s.`,
        details: { retryAfterSeconds },
      });
    }
  }

  async succeeded(account: string): Promise<void> {
    await this.store.reset(`login:account:${account.toLowerCase()}`);
  }
}
