/** Files imported with `{ type: "file" }` resolve to their (possibly embedded) path. */
declare module "*.bin" {
  const path: string;
  export default path;
}
