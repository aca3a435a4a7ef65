/**
 * Seeds (or reuses) the benchmark datasets without running the benchmark:
 * `pnpm --filter @meditrack/bench seed`. `pnpm bench` does this itself first.
 */
import { BENCH_DATASETS, prepareDataset } from './dataset.js';

const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
for (const [name, size] of Object.entries(BENCH_DATASETS)) await prepareDataset(serverUrl, name, size);
