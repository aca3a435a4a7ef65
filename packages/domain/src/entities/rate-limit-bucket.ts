import { defineEntity, p } from '@mikro-orm/core';

/**
 * A fixed-window counter (login attempts per account or address), in PostgreSQL so that every API
 * replica counts against the same budget (RATE_LIMIT_STORE=postgres).
 */
export const RateLimitBucketSchema = defineEntity({
  name: 'RateLimitBucket',
  tableName: 'rate_limit_buckets',
  properties: {
    key: p.string().length(200).primary(),
    windowStart: p.datetime(),
    count: p.integer(),
  },
  indexes: [{ name: 'rate_limit_buckets_window_start_index', properties: ['windowStart'] }],
});

export class RateLimitBucket extends RateLimitBucketSchema.class {}
RateLimitBucketSchema.setClass(RateLimitBucket);
