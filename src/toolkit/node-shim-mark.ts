/**
 * The words on the second line of the `node` shim pacer puts first on a benchmark's PATH
 * (src/run/node-shim.ts), so an instrument reading PATH can tell the shim from a real node.
 *
 * @module
 */
export const NODE_SHIM_MARK = "pacer node introspection shim";

/**
 * How the shim's introspection file is named (`$TMPDIR/<prefix>XXXXXX`). The shim's helper
 * processes (mktemp, the flag reader, rm) all take it as an argument, and so can be told apart
 * from the benchmark by it (the simulation instrument leaves them untraced).
 */
export const NODE_INTROSPECTION_PREFIX = "pacer-node-introspection.";
