/**
 * A loopback mirror of a release folder (`bun mirror-server.ts <dir>`), in its own process: the
 * workflow runner blocks on each step, so the server cannot share its event loop. Prints the port.
 */
import { join } from "node:path";

const dir = process.argv[2]!;
const server = Bun.serve({
  hostname: "127.0.0.1", port: 0,
  fetch(req) {
    const file = Bun.file(join(dir, new URL(req.url).pathname.split("/").pop()!));
    return file.size ? new Response(file) : new Response("not found", { status: 404 });
  },
});
console.log(server.port);
