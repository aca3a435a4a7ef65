/** The queue schemas of the API contract alone, for a form that needs only these (small bundles). */
export * from '@meditrack/contract/schemas/queue';
