import type { SqlClient } from '../database.ts';

/** One SQL statement as it was sent: its text and its bound parameters. */
export interface SqlStatement {
  sql: string;
  params: unknown[];
}

/** A node of an EXPLAIN (FORMAT JSON) plan, with PostgreSQL's keys ("Node Type", "Index Name", …). */
export type PlanNode = Record<string, unknown>;

/** Every node of a plan, the node itself first. */
export function planNodes(plan: PlanNode): PlanNode[] {
  const children = (plan.Plans as PlanNode[] | undefined) ?? [];
  return [plan, ...children.flatMap(planNodes)];
}

/**
 * The plan PostgreSQL chooses for a statement with its parameters, as a flat list of nodes. The
 * parameters are bound as the application binds them, so the planner sees the same values (and
 * picks the same plan) as for the real query.
 */
export async function explain(sql: SqlClient, statement: SqlStatement): Promise<PlanNode[]> {
  const [row] = await sql.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] | string }>(
    `EXPLAIN (FORMAT JSON) ${statement.sql}`,
    statement.params,
  );
  const raw = row!['QUERY PLAN'];
  // node-postgres parses the json column; PGlite may hand back its text.
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [{ Plan: PlanNode }];
  return planNodes(plan[0].Plan);
}

/** One way a plan reads a table. */
export interface TableScan {
  /** "Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Heap Scan", … */
  node: string;
  /** The indexes it reads the table through: none for a Seq Scan, several for a BitmapAnd or BitmapOr. */
  indexes: string[];
  /** What selects the rows, as PostgreSQL prints it: the index (or recheck) condition, for a Seq Scan its filter. */
  condition: string;
}

/** Every way the plan reads `table`. */
export function scansOf(nodes: PlanNode[], table: string): TableScan[] {
  return nodes
    .filter((node) => node['Relation Name'] === table)
    .map((node) => {
      const bitmaps = planNodes(node).filter((child) => child['Node Type'] === 'Bitmap Index Scan');
      const indexes = [node, ...bitmaps].map((scan) => scan['Index Name']).filter((name): name is string => typeof name === 'string');
      return {
        node: String(node['Node Type']),
        indexes,
        condition: String(node['Index Cond'] ?? node['Recheck Cond'] ?? node.Filter ?? ''),
      };
    });
}
