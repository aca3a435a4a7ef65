import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'tsup';

// One entry per resource's schemas (`@meditrack/sdk/schemas/patients`), so a form pays for its own.
const resourceSchemas = Object.fromEntries(
  readdirSync('src/schemas').map((file) => [`schemas/${file.replace(/\.ts$/, '')}`, `src/schemas/${file}`]),
);

export default defineConfig({
  entry: { index: 'src/index.ts', schemas: 'src/schemas.ts', 'react-query': 'src/react-query.ts', ...resourceSchemas },
  format: ['esm'],
  platform: 'neutral',
  target: 'es2022',
  // The contract is a private workspace package: its code and types are bundled into the SDK, so
  // the published package needs only its peers: @trpc/client, @trpc/server, superjson and zod.
  noExternal: ['@meditrack/contract'],
  // From its sources, which use zod/mini (the contract's own build maps them to classic zod for the server).
  esbuildOptions(options) {
    options.alias = { '@meditrack/contract': resolve('../contract/src') };
  },
  dts: {
    resolve: [/^@meditrack\/contract/],
    compilerOptions: {
      paths: {
        '@meditrack/contract': ['../contract/src/index.ts'],
        '@meditrack/contract/schemas/*': ['../contract/src/schemas/*'],
      },
    },
  },
  sourcemap: true,
  clean: true,
  splitting: true,
  treeshake: true,
});
