import { DomainError, type LoginThrottle as DomainLoginThrottle } from '@meditrack/domain';
import type { ApiConfig } from '../config.js';
import type { CounterStore } from '../http/counter-store.js';

/**
 * Brute-force protection for login: at most LOGIN_MAX_PER_ACCOUNT attempts per account (the domain
 * names the account, so its email and its username share one budget) and LOGIN_MAX_PER_ADDRESS per
 * client address in LOGIN_WINDOW_SECONDS, right or wrong password alike (guessing gains nothing from
 * a correct try). A success clears the account's count.
 */
export class LoginThrottle implements DomainLoginThrottle {
  constructor(
    private readonly store: CounterStore,
    private readonly config: ApiConfig,
  ) {}

  async check(accountKey: string, address: string): Promise<void> {
    const env = this.config.env;
    const windowMs = env.LOGIN_WINDOW_SECONDS * 1000;
    const [byAccount, byAddress] = await Promise.all([
      this.store.hit(`login:account:${accountKey}`, windowMs),
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

  async succeeded(accountKey: string): Promise<void> {
    await this.store.reset(`login:account:${accountKey}`);
  }
}
