import { readFile } from 'node:fs/promises';
import prismaInternals from '@prisma/internals';
import type { SqlClient } from '../database.ts';

/**
 * Compares what `schema.prisma` declares with what its migrations actually built in a database:
 * tables, columns (type, nullability), enums, primary keys, unique and plain indexes, foreign keys.
 * Prisma's own drift detection needs its native schema engine, which cannot run everywhere this
 * project does; this check runs on PGlite and PostgreSQL alike. It returns the differences, each
 * as a sentence naming the table and column; an empty list means no drift.
 */
export async function findSchemaDrift(sql: SqlClient, schemaPath: string): Promise<string[]> {
  const expected = await expectedSchema(await readFile(schemaPath, 'utf8'));
  const actual = await actualSchema(sql);
  return compareSchemas(expected, actual);
}

interface SchemaShape {
  enums: Map<string, string[]>;
  /** table -> column -> "type NOT NULL|NULL" */
  columns: Map<string, Map<string, string>>;
  /** "table: UNIQUE|INDEX|PRIMARY KEY name (cols)" */
  indexes: Set<string>;
  /** "table.name (cols) -> ref(refCols)" */
  foreignKeys: Set<string>;
}

type Field = {
  name: string;
  dbName?: string | null;
  kind: string;
  type: string;
  isList: boolean;
  isRequired: boolean;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
};
type Model = { name: string; dbName: string | null; fields: Field[] };
type Index = { model: string; type: string; dbName?: string | null; fields: { name: string }[] };

async function expectedSchema(datamodel: string): Promise<SchemaShape> {
  const dmmf = await prismaInternals.getDMMF({ datamodel });
  const models = dmmf.datamodel.models as unknown as Model[];
  const shape: SchemaShape = { enums: new Map(), columns: new Map(), indexes: new Set(), foreignKeys: new Set() };
  for (const enumType of dmmf.datamodel.enums) {
    shape.enums.set(
      enumType.dbName ?? enumType.name,
      enumType.values.map((value) => value.dbName ?? value.name),
    );
  }
  const tableOf = new Map(models.map((model) => [model.name, model.dbName ?? model.name]));
  const columnOf = (model: Model, fieldName: string) => {
    const field = model.fields.find((candidate) => candidate.name === fieldName);
    return field?.dbName ?? fieldName;
  };
  for (const model of models) {
    const table = tableOf.get(model.name)!;
    const columns = new Map<string, string>();
    for (const field of model.fields) {
      if (field.kind === 'object') {
        if (field.relationFromFields?.length) {
          const cols = field.relationFromFields.map((name) => columnOf(model, name));
          const target = models.find((candidate) => candidate.name === field.type)!;
          const refCols = (field.relationToFields ?? []).map((name) => columnOf(target, name));
          shape.foreignKeys.add(
            `${table}.${table}_${cols.join('_')}_fkey (${cols.join(', ')}) -> ${tableOf.get(field.type)}(${refCols.join(', ')})`,
          );
        }
        continue;
      }
      const base = field.kind === 'enum' ? `"${field.type}"` : postgresType(field);
      const nullable = field.isList || !field.isRequired;
      columns.set(field.dbName ?? field.name, `${base}${field.isList ? '[]' : ''} ${nullable ? 'NULL' : 'NOT NULL'}`);
    }
    for (const [column, definition] of unsupportedColumns(datamodel, model.name)) columns.set(column, definition);
    shape.columns.set(table, columns);
  }
  for (const index of dmmf.datamodel.indexes as unknown as Index[]) {
    const model = models.find((candidate) => candidate.name === index.model)!;
    const table = tableOf.get(model.name)!;
    const cols = index.fields.map((field) => columnOf(model, field.name));
    const kind = index.type === 'id' ? 'PRIMARY KEY' : index.type === 'unique' ? 'UNIQUE' : 'INDEX';
    const suffix = index.type === 'id' ? 'pkey' : index.type === 'unique' ? 'key' : 'idx';
    const name = index.dbName ?? (index.type === 'id' ? `${table}_pkey` : `${table}_${cols.join('_')}_${suffix}`);
    shape.indexes.add(`${table}: ${kind} ${name} (${cols.join(', ')})`);
  }
  return shape;
}

/**
 * The DMMF leaves out `Unsupported("…")` fields (a generated `tsvector`, a PostGIS type), although
 * their columns exist; read them from the schema text so they are compared like any other column.
 */
function unsupportedColumns(datamodel: string, modelName: string): Map<string, string> {
  const columns = new Map<string, string>();
  const block = new RegExp(`^model\\s+${modelName}\\s*\\{([\\s\\S]*?)^\\}`, 'm').exec(datamodel)?.[1] ?? '';
  for (const line of block.split('\n')) {
    const match = /^\s*(\w+)\s+Unsupported\("([^"]+)"\)(\?)?(.*)$/.exec(line);
    if (!match) continue;
    const [, name, type, optional, rest] = match;
    const column = /@map\("([^"]+)"\)/.exec(rest ?? '')?.[1] ?? name!;
    columns.set(column, `${type} ${optional ? 'NULL' : 'NOT NULL'}`);
  }
  return columns;
}

/** Prisma's default PostgreSQL column type for a scalar, or the one its @db attribute names. */
function postgresType(field: Field): string {
  const [native, args = []] = field.nativeType ?? [];
  const withArgs = (name: string) => (args.length ? `${name}(${args.join(',')})` : name);
  switch (native) {
    case 'Uuid':
      return 'uuid';
    case 'Char':
      return withArgs('character');
    case 'VarChar':
      return withArgs('character varying');
    case 'Text':
      return 'text';
    case 'Decimal':
      return withArgs('numeric');
    case 'Timestamptz':
      return `timestamp(${args[0] ?? 6}) with time zone`;
    case 'Timestamp':
      return `timestamp(${args[0] ?? 6}) without time zone`;
    case 'Date':
      return 'date';
    case 'SmallInt':
      return 'smallint';
    case 'Integer':
      return 'integer';
    case 'BigInt':
      return 'bigint';
    case 'JsonB':
      return 'jsonb';
    case 'Json':
      return 'json';
    case undefined:
      break;
    default:
      return native.toLowerCase();
  }
  switch (field.type) {
    case 'String':
      return 'text';
    case 'Int':
      return 'integer';
    case 'BigInt':
      return 'bigint';
    case 'Boolean':
      return 'boolean';
    case 'Float':
      return 'double precision';
    case 'Decimal':
      return 'numeric(65,30)';
    case 'DateTime':
      return 'timestamp(3) without time zone';
    case 'Json':
      return 'jsonb';
    case 'Bytes':
      return 'bytea';
    default:
      return field.type;
  }
}

async function actualSchema(sql: SqlClient): Promise<SchemaShape> {
  const shape: SchemaShape = { enums: new Map(), columns: new Map(), indexes: new Set(), foreignKeys: new Set() };
  const enumRows = await sql.query<{ name: string; value: string }>(
    `SELECT t.typname AS name, e.enumlabel AS value FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
     JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' ORDER BY t.typname, e.enumsortorder`,
  );
  for (const row of enumRows) shape.enums.set(row.name, [...(shape.enums.get(row.name) ?? []), row.value]);

  const columnRows = await sql.query<{ table: string; column: string; type: string; notnull: boolean }>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND c.relname <> '_prisma_migrations'
     ORDER BY c.relname, a.attnum`,
  );
  for (const row of columnRows) {
    const columns = shape.columns.get(row.table) ?? new Map<string, string>();
    // format_type quotes mixed-case enum names and writes arrays as name[]; match the expected notation.
    columns.set(row.column, `${row.type.replace(/^(\w*[A-Z]\w*)(\[\])?$/, '"$1"$2')} ${row.notnull ? 'NOT NULL' : 'NULL'}`);
    shape.columns.set(row.table, columns);
  }

  const indexRows = await sql.query<{ table: string; name: string; unique: boolean; primary: boolean; columns: string[] }>(
    `SELECT t.relname AS table, i.relname AS name, x.indisunique AS unique, x.indisprimary AS primary,
            array(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns
     FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'`,
  );
  for (const row of indexRows) {
    const kind = row.primary ? 'PRIMARY KEY' : row.unique ? 'UNIQUE' : 'INDEX';
    shape.indexes.add(`${row.table}: ${kind} ${row.name} (${row.columns.join(', ')})`);
  }

  const fkRows = await sql.query<{ table: string; name: string; columns: string[]; ref: string; refcolumns: string[] }>(
    `SELECT t.relname AS table, c.conname AS name, r.relname AS ref,
            array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns,
            array(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS refcolumns
     FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'public' AND c.contype = 'f'`,
  );
  for (const row of fkRows) {
    shape.foreignKeys.add(`${row.table}.${row.name} (${row.columns.join(', ')}) -> ${row.ref}(${row.refcolumns.join(', ')})`);
  }
  return shape;
}

function compareSchemas(expected: SchemaShape, actual: SchemaShape): string[] {
  const drift: string[] = [];
  for (const [name, values] of expected.enums) {
    const found = actual.enums.get(name);
    if (!found) drift.push(`enum ${name} is in schema.prisma but not in the migrations`);
    else if (found.join(',') !== values.join(','))
      drift.push(`enum ${name}: schema.prisma has [${values.join(', ')}], migrations have [${found.join(', ')}]`);
  }
  for (const name of actual.enums.keys())
    if (!expected.enums.has(name)) drift.push(`enum ${name} is in the migrations but not in schema.prisma`);
  for (const [table, columns] of expected.columns) {
    const found = actual.columns.get(table);
    if (!found) {
      drift.push(`table ${table} is in schema.prisma but not in the migrations`);
      continue;
    }
    for (const [column, definition] of columns) {
      const actualDefinition = found.get(column);
      if (!actualDefinition) drift.push(`column ${table}.${column} is in schema.prisma but not in the migrations`);
      else if (actualDefinition !== definition)
        drift.push(`column ${table}.${column}: schema.prisma says ${definition}, migrations give ${actualDefinition}`);
    }
    for (const column of found.keys())
      if (!columns.has(column)) drift.push(`column ${table}.${column} is in the migrations but not in schema.prisma`);
  }
  for (const table of actual.columns.keys())
    if (!expected.columns.has(table)) drift.push(`table ${table} is in the migrations but not in schema.prisma`);
  for (const index of expected.indexes) if (!actual.indexes.has(index)) drift.push(`index missing from the migrations: ${index}`);
  for (const index of actual.indexes) if (!expected.indexes.has(index)) drift.push(`index not declared in schema.prisma: ${index}`);
  for (const key of expected.foreignKeys) if (!actual.foreignKeys.has(key)) drift.push(`foreign key missing from the migrations: ${key}`);
  for (const key of actual.foreignKeys) if (!expected.foreignKeys.has(key)) drift.push(`foreign key not declared in schema.prisma: ${key}`);
  return drift;
}
