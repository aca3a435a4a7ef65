/**
 * Writes src/generated/router-types.ts: the input, output and kind of every procedure of the API,
 * and its error shape, as plain structural types printed by the TypeScript checker.
 *
 * Why: the server's `AppRouter` type drags in its context (MikroORM, Fastify) and its meta
 * (trpc-to-openapi). Published declarations must not point at those, nor at unpublished workspace
 * sources, so the SDK rebuilds a client-only router type from these structures (src/router.ts).
 * `pnpm --filter @meditrack/sdk generate`; a test fails when the file is stale.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { restOperations } from '@meditrack/api';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const GENERATED_FILE = join(root, 'src', 'generated', 'router-types.ts');

const PROBE = `
import type { AppRouter } from '@meditrack/api';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
type Kinds<T> = { [K in keyof T]: T[K] extends { _def: { type: infer X } } ? X : Kinds<T[K]> };
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type ProcedureKinds = Kinds<AppRouter['_def']['record']>;
export type ErrorShape = AppRouter['_def']['_config']['$types']['errorShape'];
`;

export function generateRouterTypes(): string {
  const probePath = join(root, 'scripts', '__router_probe__.ts');
  const configPath = ts.findConfigFile(root, ts.sys.fileExists, 'tsconfig.json') as string;
  const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, root);
  const host = ts.createCompilerHost(parsed.options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => (file === probePath ? PROBE : readFile(file));
  host.fileExists = (file) => file === probePath || ts.sys.fileExists(file);
  host.getSourceFile = (file, language, onError, create) =>
    file === probePath
      ? ts.createSourceFile(file, PROBE, language, true)
      : getSourceFile(file, language, onError, create);
  const program = ts.createProgram([probePath], { ...parsed.options, noEmit: true }, host);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(probePath) as ts.SourceFile;
  const problems = ts.getPreEmitDiagnostics(program, source);
  if (problems.length) throw new Error(ts.formatDiagnostics(problems, host));

  const seen = new Set<ts.Type>();
  const key = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));

  // Each procedure's hover text: its REST operation's summary and description (the same as /openapi.json).
  const docs = new Map(
    restOperations().map((op) => [
      op.procedure,
      `${op.summary}. ${op.description} REST: \`${op.method.toUpperCase()} /api${op.path}\` (${op.successStatus}).`,
    ]),
  );

  function print(type: ts.Type, indent: string, path?: string[]): string {
    const f = type.flags;
    if (f & ts.TypeFlags.Any) return 'unknown';
    if (f & ts.TypeFlags.Unknown) return 'unknown';
    if (f & ts.TypeFlags.Never) return 'never';
    if (f & ts.TypeFlags.Void) return 'void';
    if (f & ts.TypeFlags.Undefined) return 'undefined';
    if (f & ts.TypeFlags.Null) return 'null';
    if (f & ts.TypeFlags.StringLiteral) return JSON.stringify((type as ts.StringLiteralType).value);
    if (f & ts.TypeFlags.NumberLiteral) return String((type as ts.NumberLiteralType).value);
    if (f & ts.TypeFlags.BooleanLiteral) return checker.typeToString(type);
    if (f & ts.TypeFlags.String) return 'string';
    if (f & ts.TypeFlags.Number) return 'number';
    if (f & ts.TypeFlags.Boolean) return 'boolean';
    if (f & ts.TypeFlags.BigInt) return 'bigint';
    if (type.isUnion()) {
      const parts = type.types.map((t) => print(t, indent));
      // `true | false` is how the checker spells boolean inside unions.
      const merged =
        parts.includes('true') && parts.includes('false')
          ? [...parts.filter((p) => p !== 'true' && p !== 'false'), 'boolean']
          : parts;
      return [...new Set(merged)].join(' | ');
    }
    if (type.isIntersection()) return type.types.map((t) => `(${print(t, indent)})`).join(' & ');
    if (checker.isArrayType(type))
      return `Array<${print(checker.getTypeArguments(type as ts.TypeReference)[0] as ts.Type, indent)}>`;
    if (checker.isTupleType(type))
      return `[${checker
        .getTypeArguments(type as ts.TypeReference)
        .map((t) => print(t, indent))
        .join(', ')}]`;
    if (type.symbol?.name === 'Date') return 'Date';
    if (f & ts.TypeFlags.Object) {
      if (seen.has(type)) throw new Error(`recursive type ${checker.typeToString(type)} cannot be printed`);
      seen.add(type);
      const inner = `${indent}  `;
      const lines: string[] = [];
      for (const info of checker.getIndexInfosOfType(type)) {
        lines.push(`${inner}[key: ${print(info.keyType, inner)}]: ${print(info.type, inner)};`);
      }
      for (const prop of checker.getPropertiesOfType(type)) {
        const propType = checker.getTypeOfSymbolAtLocation(prop, source);
        const optional = prop.flags & ts.SymbolFlags.Optional ? '?' : '';
        const doc = path && docs.get([...path, prop.name].join('.'));
        if (doc) lines.push(`${inner}/** ${doc.replaceAll('*/', '*\\/')} */`);
        lines.push(`${inner}${key(prop.name)}${optional}: ${print(propType, inner, path && [...path, prop.name])};`);
      }
      seen.delete(type);
      return lines.length ? `{\n${lines.join('\n')}\n${indent}}` : '{}';
    }
    throw new Error(`cannot print type ${checker.typeToString(type)}`);
  }

  const out = [
    '// Generated by scripts/generate-router-types.ts from the API router. Do not edit; run',
    '// `pnpm --filter @meditrack/sdk generate` after changing a procedure (a test checks it is current).',
    '/* eslint-disable */',
    '',
  ];
  for (const statement of source.statements) {
    if (
      !ts.isTypeAliasDeclaration(statement) ||
      !statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
    )
      continue;
    const type = checker.getTypeAtLocation(statement.name);
    const documented = statement.name.text === 'ProcedureKinds' ? [] : undefined;
    out.push(`export type ${statement.name.text} = ${print(type, '', documented)};`, '');
  }
  return out.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(GENERATED_FILE, generateRouterTypes());
  console.log(`wrote ${GENERATED_FILE}`);
}
