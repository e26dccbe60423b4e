import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import ts from 'typescript';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkSchemaChange } from '../gateway/src/schema-check.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('the breaking-change check of the public API schema', () => {
  it('fails on a removed field, naming it, and passes once the removal is allow-listed', async () => {
    const current = await readFile(join(root, 'schema.graphql'), 'utf8');
    const withoutSku = current.replace(/(\ntype Product \{[^}]*?)\n {2}sku: String!\n/, '$1\n');
    expect(withoutSku).not.toBe(current);
    const result = checkSchemaChange(current, withoutSku);
    expect(result.breaking).toEqual(['FIELD_REMOVED: Product.sku was removed.']);
    const allowed = checkSchemaChange(current, withoutSku, [
      { change: 'FIELD_REMOVED: Product.sku was removed.', reason: 'replaced by Product.code' },
    ]);
    expect(allowed.breaking).toEqual([]);
    expect(allowed.allowed).toHaveLength(1);
  });

  it('accepts additions', async () => {
    const current = await readFile(join(root, 'schema.graphql'), 'utf8');
    const withNewField = current.replace(/(\ntype Product \{[^}]*?)\n {2}sku: String!\n/, '$1\n  sku: String!\n  barcode: String\n');
    expect(checkSchemaChange(current, withNewField).breaking).toEqual([]);
  });
});

describe('resolver types follow the SDL', () => {
  it('fails the type check when an SDL field type changes and its resolver does not', async () => {
    // Regenerate the users subgraph's resolver types from an SDL whose User.displayName became an Int,
    // then type-check the unchanged resolvers against them.
    const config = parseYaml(await readFile(join(root, 'codegen.yml'), 'utf8'), { merge: true }) as {
      generates: Record<string, { schema: string[]; plugins: string[]; config: Record<string, unknown> }>;
    };
    const target = 'subgraphs/users/src/generated/graphql.ts';
    const entry = config.generates[target]!;
    const folder = await mkdtemp(join(tmpdir(), 'sdl-change-'));
    try {
      const usersSdl = (
        await Promise.all(
          ['tenants/tenants.graphql', 'users/users.graphql', 'sessions/sessions.graphql'].map((file) =>
            readFile(join(root, 'subgraphs/users/src', file), 'utf8'),
          ),
        )
      ).join('\n');
      const changedSdl = usersSdl.replace('displayName: String!', 'displayName: Int!');
      expect(changedSdl).not.toBe(usersSdl);
      await writeFile(join(folder, 'users.graphql'), changedSdl);
      const [output] = await generate(
        {
          schema: [join(root, 'packages/service-kit/schema/common.graphql'), join(folder, 'users.graphql')],
          generates: { [join(root, target)]: { plugins: entry.plugins, config: entry.config } },
          silent: true,
        },
        false,
      );
      const generatedPath = join(root, target);
      const tsconfigPath = join(root, 'subgraphs/users/tsconfig.json');
      const parsed = ts.getParsedCommandLineOfConfigFile(tsconfigPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
      const host = ts.createCompilerHost(parsed.options);
      const getSourceFile = host.getSourceFile.bind(host);
      host.getSourceFile = (file, language, ...rest) =>
        file === generatedPath ? ts.createSourceFile(file, output!.content, language) : getSourceFile(file, language, ...rest);
      const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host });
      const errors = ts.getPreEmitDiagnostics(program).map((diagnostic) => ({
        file: diagnostic.file ? diagnostic.file.fileName.replace(`${dirname(tsconfigPath)}/`, '') : '',
        message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
      }));
      expect(output!.content).toContain("displayName?: Resolver<ResolversTypes['Int']");
      expect(
        errors
          .filter((error) => error.file === 'src/users/resolvers.ts')
          .map((error) => error.message)
          .join('\n'),
      ).toMatch(/=> string' is not assignable to type 'Resolver<ResolverTypeWrapper<number>/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
    // A whole TypeScript program: slow on a busy two-core machine, so it gets room.
  }, 240_000);
});
