/**
 * Seeds (or reuses) the benchmark datasets without running the benchmark:
 * `pnpm --filter @meditrack/bench seed`. `pnpm bench` does this itself first.
 */
import { BENCH_DATASETS, BENCH_SERVER_URL, prepareDataset } from './dataset.js';

for (const [name, size] of Object.entries(BENCH_DATASETS)) await prepareDataset(BENCH_SERVER_URL, name, size);
