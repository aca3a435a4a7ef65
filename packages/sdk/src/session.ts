/** Where a client keeps its session between page loads, and how it tells the app about changes. */

/** The tokens of a logged-in session. */
export interface SessionTokens {
  accessToken: string;
  /** Single use: every refresh answers a new one. */
  refreshToken: string;
}

/**
 * A place for the session: memory (the default: a reload logs out), `localStorage`, or your own
 * (an encrypted store, a cookie bridge). `load` runs once when the client is created.
 */
export interface SessionStorage {
  load(): SessionTokens | null | Promise<SessionTokens | null>;
  save(tokens: SessionTokens | null): void | Promise<void>;
}

/** Why a session ended: `logout()`, or the server refused to refresh it (expired, revoked, reused). */
export type LoggedOutReason = 'logout' | 'refresh-refused';

/** Keeps the session in this page only. */
export function memorySession(): SessionStorage {
  let tokens: SessionTokens | null = null;
  return {
    load: () => tokens,
    save(next) {
      tokens = next;
    },
  };
}

/** Minimal Web Storage, so tests and other runtimes can pass their own. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * Keeps the session in `localStorage` (or any Web Storage) under `key`, so a reload stays logged
 * in. Anything there that is not a session is ignored.
 */
export function webStorageSession(
  key = 'meditrack.session',
  store: KeyValueStore | undefined = globalThis.localStorage,
): SessionStorage {
  return {
    load() {
      const text = store?.getItem(key);
      if (!text) return null;
      try {
        const value = JSON.parse(text) as Partial<SessionTokens>;
        return typeof value.accessToken === 'string' && typeof value.refreshToken === 'string'
          ? { accessToken: value.accessToken, refreshToken: value.refreshToken }
          : null;
      } catch {
        return null;
      }
    },
    save(tokens) {
      if (tokens) store?.setItem(key, JSON.stringify(tokens));
      else store?.removeItem(key);
    },
  };
}
