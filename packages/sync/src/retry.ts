export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  /** Give up when the next wait would pass this much time since the first try. */
  totalMs: number;
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
  signal?: AbortSignal;
}

const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EPIPE',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
]);

/** 429, 5xx and network failures are worth another try; a bad query or missing table is not. */
export function isTransient(error: unknown): boolean {
  const e = error as { code?: unknown; status?: unknown; cause?: unknown; message?: unknown };
  const status = typeof e?.code === 'number' ? e.code : typeof e?.status === 'number' ? e.status : undefined;
  if (status !== undefined) return status === 429 || status >= 500;
  if (typeof e?.code === 'string' && TRANSIENT_CODES.has(e.code)) return true;
  if (typeof e?.message === 'string' && /fetch failed|socket hang up|network|ECONNRESET|ECONNREFUSED/i.test(e.message))
    return true;
  return e?.cause ? isTransient(e.cause) : false;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/** Runs `fn`, retrying transient failures with exponential backoff and jitter, bounded in tries and time. */
export async function retrying<T>(fn: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const delayMs = Math.round(policy.baseMs * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5));
      const outOfTime = Date.now() - started + delayMs > policy.totalMs;
      if (!isTransient(error) || attempt >= policy.attempts || outOfTime || policy.signal?.aborted) throw error;
      policy.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, policy.signal);
    }
  }
}
