/**
 * Structural walking of valibot schemas (unwrapping `optional`/`nullable`, reading `pipe` metadata),
 * shared by the unknown-key check and the issue formatter.
 *
 * @module
 */

/** The parts of a valibot schema object that the walkers read. */
export interface SchemaNode {
  type: string;
  wrapped?: SchemaNode;
  entries?: Record<string, SchemaNode>;
  item?: SchemaNode;
  pipe?: ReadonlyArray<{ type: string; description?: string }>;
}

/** Strips `optional`/`nullable` wrappers (a `pipe` keeps the root schema's type and entries). */
export function unwrap(node: SchemaNode): SchemaNode {
  let n = node;
  while ((n.type === "optional" || n.type === "nullable" || n.type === "nullish") && n.wrapped) n = n.wrapped;
  return n;
}

/** The `v.description(...)` of a schema, looking through its wrappers. */
export function describe(node: SchemaNode): string | undefined {
  for (let n: SchemaNode | undefined = node; n; n = n.wrapped) {
    const d = n.pipe?.find((a) => a.type === "description")?.description;
    if (d) return d;
  }
  return undefined;
}

/** The schema found at `path` (object keys and array indexes), or undefined where it is not static. */
export function schemaAt(root: SchemaNode, path: ReadonlyArray<string | number>): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const key of path) {
    if (!node) return undefined;
    const n = unwrap(node);
    node = n.type === "array" ? n.item : n.entries?.[String(key)];
  }
  return node;
}
