import { afterAll, expect } from 'vitest';
import { conformanceProblems } from './conformance.js';

// Every test file: its answers against the OpenAPI document (test/conformance.ts).
afterAll(() => {
  expect(conformanceProblems()).toEqual([]);
});
