/**
 * The words on the second line of the `node` shim pacer puts first on a benchmark's PATH
 * (src/run/node-shim.ts), so an instrument reading PATH can tell the shim from a real node.
 *
 * @module
 */
export const NODE_SHIM_MARK = "pacer node introspection shim";
