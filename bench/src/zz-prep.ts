import { BENCH_SERVER_URL, prepareDataset } from './dataset.js';
const d = await prepareDataset(BENCH_SERVER_URL, 'meditrack_bench_quick_big', { patients: 100_000, doctors: 200, appointmentsPerDoctor: 1000 });
console.log(JSON.stringify(d));
