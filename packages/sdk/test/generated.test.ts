import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { GENERATED_FILE, generateRouterTypes } from '../scripts/generate-router-types.js';

it('src/generated/router-types.ts matches the API router (run `pnpm --filter @meditrack/sdk generate`)', () => {
  expect(readFileSync(GENERATED_FILE, 'utf8')).toBe(generateRouterTypes());
});
