import { readdirSync } from 'node:fs';
import { defineConfig } from 'tsup';

// The contract is written against zod/mini's API, so that a browser bundle of its schemas (the SDK's
// `schemas/*` entries) stays small. On the server the same schemas are built on classic zod (a
// superset of mini's API at runtime): trpc-to-openapi, which generates the OpenAPI document from
// the procedures, calls classic methods (`.meta()`, `.unwrap()`) on their inputs.
const schemas = Object.fromEntries(
  readdirSync('src/schemas').map((file) => [`schemas/${file.replace(/\.ts$/, '')}`, `src/schemas/${file}`]),
);

export default defineConfig({
  entry: { index: 'src/index.ts', ...schemas },
  format: ['esm'],
  platform: 'node',
  target: 'es2022',
  sourcemap: true,
  clean: true,
  splitting: true,
  noExternal: [/^zod\/mini$/],
  esbuildPlugins: [
    {
      name: 'classic-zod-on-the-server',
      setup(build) {
        build.onResolve({ filter: /^zod\/mini$/ }, () => ({ path: 'zod', external: true }));
      },
    },
  ],
});
