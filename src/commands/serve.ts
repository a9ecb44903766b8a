/**
 * `pacer serve`: the self-hosted, CodSpeed-compatible results server, and its management
 * subcommands. The server modules load only here (src/cli.ts imports this file lazily).
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import { printJson } from "./_shared/json-out.ts";
import { parseFlags } from "./_shared/parse.ts";
import { SERVE_HELP } from "../server/help.ts";
import { resolveConfig, type ServeFlags } from "../server/config.ts";
import { stdout, stderr } from "../log/console-out.ts";

const STORAGE_FLAGS = {
  "data-dir": { type: "string" },
  database: { type: "string" },
  blobs: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

const SERVER_FLAGS = {
  ...STORAGE_FLAGS,
  listen: { type: "string" },
  "public-url": { type: "string" },
  "allow-tokenless": { type: "boolean" },
  "oidc-issuer": { type: "string" },
  "oidc-jwks-url": { type: "string" },
  "oidc-audience": { type: "string" },
  workers: { type: "string" },
  "github-token": { type: "string" },
  "github-app-id": { type: "string" },
  "github-app-private-key-file": { type: "string" },
  "github-api-url": { type: "string" },
} as const;

async function serve(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags("serve", argv, SERVER_FLAGS, false);
  void positionals;
  if (values.help) return (stdout.write(SERVE_HELP), 0);
  const config = resolveConfig(values as ServeFlags);
  const { createServer } = await import("../server/app.ts");
  const server = await createServer(config);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      stderr.write(`Received ${signal}, stopping (running jobs finish or go back to the queue)\n`);
      resolve();
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  });
  await server.stop();
  return 0;
}

async function token(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  const { values } = parseFlags("serve token", rest, { ...STORAGE_FLAGS, project: { type: "string" }, admin: { type: "boolean" }, label: { type: "string" } }, false);
  if (values.help || action !== "create") {
    stdout.write(SERVE_HELP);
    return values.help ? 0 : 2;
  }
  if (!values.admin && !values.project) throw new PacerError("E_USAGE", "pacer serve token create needs --project OWNER/REPO or --admin", { hint: "For example `pacer serve token create --project acme/app --data-dir /var/lib/pacer`" });
  const { createTokenCommand, parseProjectName } = await import("../server/admin.ts");
  const config = resolveConfig(values as ServeFlags);
  const target = values.admin ? { admin: true as const } : { project: parseProjectName(values.project, "--project") };
  const out = await createTokenCommand(config, target, values.label ?? null);
  stderr.write(out.project ? `Upload token for "${out.project.owner}/${out.project.repo}" (shown once, store it as CODSPEED_TOKEN):\n` : "Admin token (shown once):\n");
  stdout.write(`${out.token}\n`);
  return 0;
}

async function project(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  const { values, positionals } = parseFlags("serve project", rest, {
    ...STORAGE_FLAGS, public: { type: "boolean" }, "allow-tokenless": { type: "boolean" }, "default-branch": { type: "string" }, json: { type: "boolean" },
  });
  const config = resolveConfig(values as ServeFlags);
  const admin = await import("../server/admin.ts");
  if (action === "create" && !values.help) {
    const name = admin.parseProjectName(positionals[0], "project name");
    const { project: p, created } = await admin.createProjectCommand(config, name, {
      public: !!values.public, allowTokenless: !!values["allow-tokenless"], defaultBranch: values["default-branch"] ?? config.defaultBranch,
    });
    if (values.json) return (printJson("serve-project", { project: p, created }), 0);
    stdout.write(`${created ? "Created" : "Exists:"} ${p.owner}/${p.repo} (${p.public ? "public" : "private"}, default branch "${p.defaultBranch}")\n`);
    return 0;
  }
  if (action === "list" && !values.help) {
    const list = await admin.listProjectsCommand(config);
    if (values.json) return (printJson("serve-projects", { projects: list }), 0);
    stdout.write(list.map((p) => `${p.owner}/${p.repo}\t${p.public ? "public" : "private"}\t${p.defaultBranch}\n`).join(""));
    return 0;
  }
  stdout.write(SERVE_HELP);
  return values.help ? 0 : 2;
}

export default async function (argv: string[]): Promise<number> {
  if (argv[0] === "token") return token(argv.slice(1));
  if (argv[0] === "project") return project(argv.slice(1));
  return serve(argv);
}
