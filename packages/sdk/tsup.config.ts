import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', schemas: 'src/schemas.ts' },
  format: ['esm'],
  platform: 'neutral',
  target: 'es2022',
  // The contract is a private workspace package: its code and types are bundled into the SDK, so
  // the published package depends only on @trpc/client, @trpc/server, superjson and zod.
  noExternal: ['@meditrack/contract'],
  dts: { resolve: [/^@meditrack\/contract/] },
  sourcemap: true,
  clean: true,
  splitting: true,
  treeshake: true,
});
