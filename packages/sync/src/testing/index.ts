export * from './bigquery-standin.js';
