/**
 * The browser bundle of a page that uses the client, as a frontend's bundler would make it
 * (esbuild, minified, browser platform), and its gzip size: `pnpm --filter @meditrack/sdk size`.
 */

import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Budget for the client in a browser bundle, gzip bytes; the check fails above it. */
export const BUNDLE_BUDGET_GZIP = 20 * 1024;
/**
 * Budget for one resource's schemas (`@meditrack/sdk/schemas/<resource>`), gzip bytes. The contract
 * is written against `zod/mini` for this: zod's classic API alone is ~25 KB gzip once bundled.
 */
export const SCHEMA_ENTRY_BUDGET_GZIP = 20 * 1024;
/** Server code that must never reach a browser bundle: packages by name, and our server sources. */
export const FORBIDDEN = [
  /^@mikro-orm\//,
  /^pg(-.*)?$/,
  /^fastify/,
  /^@fastify\//,
  /^@electric-sql\//,
  /^@node-rs\//,
  /^node:/,
  /packages\/(api|domain)\//,
];

/** The package each bundled file comes from (the last node_modules segment), or the file itself. */
export function origins(inputs: string[]): string[] {
  return [
    ...new Set(inputs.map((i) => [...i.matchAll(/node_modules\/(@[^/]+\/[^/]+|[^/@.][^/]*)/g)].at(-1)?.[1] ?? i)),
  ].sort();
}

/** The per-resource schema entries the package publishes (`@meditrack/sdk/schemas/<name>`). */
export function schemaEntries(): string[] {
  return readdirSync(join(root, 'src', 'schemas')).map((file) => file.replace(/\.ts$/, ''));
}

/** A page that imports every export of one built schema entry (nothing left to shake off). */
export function measureSchemaEntry(name: string) {
  const file = join(root, 'dist', 'schemas', `${name}.js`);
  return measureBrowserBundle({ contents: `export * from ${JSON.stringify(file)};`, resolveDir: root });
}

export async function measureBrowserBundle(
  entry: string | { contents: string; resolveDir: string } = join(root, 'test', 'browser', 'size-entry.ts'),
) {
  const result = await build({
    ...(typeof entry === 'string' ? { entryPoints: [entry] } : { stdin: { ...entry, loader: 'js' as const } }),
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return {
    code: new TextDecoder().decode(code),
    bytes: code.byteLength,
    gzipBytes: gzipSync(code, { level: 9 }).byteLength,
    inputs: Object.keys(result.metafile.inputs),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { bytes, gzipBytes, inputs } = await measureBrowserBundle();
  console.log(
    `browser bundle using createMediTrackClient: ${bytes} bytes, ${gzipBytes} bytes gzip (budget ${BUNDLE_BUDGET_GZIP})`,
  );
  console.log(`made of: ${origins(inputs).join(', ')}`);
  if (gzipBytes > BUNDLE_BUDGET_GZIP) process.exitCode = 1;
  for (const name of schemaEntries()) {
    const entry = await measureSchemaEntry(name);
    console.log(`@meditrack/sdk/schemas/${name}: ${entry.bytes} bytes, ${entry.gzipBytes} bytes gzip`);
    if (entry.gzipBytes > SCHEMA_ENTRY_BUDGET_GZIP) process.exitCode = 1;
  }
}
