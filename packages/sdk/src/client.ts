import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  type TRPCClient,
  TRPCClientError,
  type TRPCLink,
} from '@trpc/client';
import { observable } from '@trpc/server/observable';
import superjson from 'superjson';
import type { AppRouter, RouterInputs, RouterOutputs } from './router.js';
import { type LoggedOutReason, memorySession, type SessionStorage, type SessionTokens } from './session.js';

export interface MediTrackClientOptions {
  /** Base URL of the API, e.g. `https://meditrack.hospital.example` (the client calls `<url>/trpc`). */
  url: string;
  /** A fixed access token; or use `getToken`, or `login()`. */
  token?: string;
  /**
   * An access token from elsewhere (your own auth layer), asked before every request while the
   * client holds no session of its own (no `login()`, nothing in `storage`).
   */
  getToken?: () => string | undefined | null | Promise<string | undefined | null>;
  /**
   * Where the session lives: memory by default (a reload logs out); `webStorageSession()` keeps it
   * in localStorage across reloads; or your own. Read once at creation, written on every change.
   */
  storage?: SessionStorage;
  /** Called with the new tokens after login and every refresh, and with null when the session ends. */
  onSessionChange?: (tokens: SessionTokens | null) => void;
  /** Called when the session ends: `logout()`, or the server refused to refresh it (log in again). */
  onLoggedOut?: (reason: LoggedOutReason) => void;
  /** A fetch implementation (tests, older runtimes); the global one by default. */
  fetch?: typeof fetch;
  /** Extra headers on every request (e.g. `x-request-id`). */
  headers?: Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);
}

export interface SessionHelpers {
  /**
   * Logs in and keeps the tokens: calls then carry the access token, and when it expires the client
   * exchanges the refresh token for new ones and retries the call, once, without the caller noticing.
   */
  login(credentials: RouterInputs['auth']['login']): Promise<RouterOutputs['auth']['login']>;
  /** Ends the session on the server (revokes its refresh token) and forgets the tokens. */
  logout(): Promise<void>;
  /** The token the client currently sends, if any. */
  readonly token: string | undefined;
  setToken(token: string | undefined): void;
}

/** The typed tRPC client for every procedure, plus session helpers. */
export type MediTrackClient = TRPCClient<AppRouter> & SessionHelpers;

const SESSION_KEYS = new Set(['login', 'logout', 'token', 'setToken']);

/**
 * Creates a client: `const mt = createMediTrackClient({ url }); await mt.login({ email, password });
 * const page = await mt.patients.list.query({ name: 'jose' });`. Calls made in the same tick are
 * batched into one HTTP request; dates arrive as Date objects (superjson).
 */
export function createMediTrackClient(options: MediTrackClientOptions): MediTrackClient {
  let token = options.token;
  let refreshToken: string | undefined;
  let refreshing: Promise<void> | undefined;
  const storage = options.storage ?? memorySession();
  // The stored session (a reload), unless a token was given; every request waits for it.
  const restored = (async () => {
    if (options.token) return;
    const stored = await storage.load();
    if (stored && token === undefined && refreshToken === undefined) {
      token = stored.accessToken;
      refreshToken = stored.refreshToken;
    }
  })().catch(() => undefined);

  const setSession = async (tokens: SessionTokens | null) => {
    token = tokens?.accessToken;
    refreshToken = tokens?.refreshToken;
    await storage.save(tokens);
    options.onSessionChange?.(tokens);
  };
  const endSession = async (reason: LoggedOutReason) => {
    await setSession(null);
    options.onLoggedOut?.(reason);
  };
  const url = `${options.url.replace(/\/+$/, '')}/trpc`;
  const fetchOption = options.fetch ? { fetch: options.fetch } : {};
  // Refresh calls go through their own client, outside the retrying link below.
  const authClient = createTRPCClient<AppRouter>({
    links: [httpLink({ url, transformer: superjson, ...fetchOption })],
  });

  /** One refresh at a time, shared by every call that found the token expired. */
  const refresh = () => {
    refreshing ??= (async () => {
      const current = refreshToken;
      if (!current) throw new Error('no refresh token');
      let next: RouterOutputs['auth']['refresh'];
      try {
        next = await authClient.auth.refresh.mutate({ refreshToken: current });
      } catch (error) {
        // Refused (expired, revoked, reused): the session is over; a network failure is not.
        if (error instanceof TRPCClientError && error.data) await endSession('refresh-refused');
        throw error;
      }
      await setSession({ accessToken: next.accessToken, refreshToken: next.refreshToken });
    })().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  };

  const refreshOnExpiry: TRPCLink<AppRouter> =
    () =>
    ({ next, op }) =>
      observable((observer) => {
        const forward = (retried: boolean) =>
          next(op).subscribe({
            next: (value) => observer.next(value),
            complete: () => observer.complete(),
            error: (error) => {
              const reason = (error.data as { error?: { details?: { reason?: string } } } | undefined)?.error?.details
                ?.reason;
              if (retried || reason !== 'expired' || !refreshToken) return observer.error(error);
              refresh().then(
                () => {
                  subscription = forward(true);
                },
                () => observer.error(error),
              );
            },
          });
        let subscription = forward(false);
        return () => subscription.unsubscribe();
      });

  const trpc = createTRPCClient<AppRouter>({
    links: [
      refreshOnExpiry,
      httpBatchLink({
        url,
        transformer: superjson,
        // The server takes at most TRPC_MAX_BATCH_SIZE calls a batch (20 by default); larger ticks split.
        maxItems: 10,
        ...fetchOption,
        async headers() {
          const extra = typeof options.headers === 'function' ? await options.headers() : (options.headers ?? {});
          await restored;
          const current = token ?? (options.getToken ? await options.getToken() : undefined);
          return current ? { ...extra, authorization: `Bearer ${current}` } : extra;
        },
      }),
    ],
  });
  const session: SessionHelpers = {
    async login(credentials) {
      const result = await authClient.auth.login.mutate(credentials);
      await setSession({ accessToken: result.accessToken, refreshToken: result.refreshToken });
      return result;
    },
    async logout() {
      await restored;
      const current = refreshToken;
      await endSession('logout');
      if (current) await authClient.auth.logout.mutate({ refreshToken: current }).catch(() => undefined);
    },
    get token() {
      return token;
    },
    setToken(next) {
      token = next;
    },
  };
  // The tRPC client is a proxy over procedure paths; the helpers sit beside it (no router key clashes).
  return new Proxy(trpc as object, {
    get(target, key, receiver) {
      if (typeof key === 'string' && SESSION_KEYS.has(key)) return Reflect.get(session, key);
      return Reflect.get(target, key, receiver);
    },
  }) as MediTrackClient;
}
