/**
 * Runs a GitHub Actions workflow job's steps on this machine, the way a runner does, for the CI
 * workflow tests: `run:` steps with bash under the Actions variables, `uses:` of this action by
 * running action.yml's composite shell steps (inputs → INPUT_* env as GitHub does). Stand-ins, for
 * actions that need GitHub: actions/checkout (`git checkout` + `git clean -ffdx` in a local repo)
 * and actions/cache (a copy to a temp folder).
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

type Ctx = Record<string, unknown>;
interface Step { id?: string; name?: string; if?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; shell?: string }
export interface StepResult { name: string; code: number; output: string }

function lookup(ctx: Ctx, path: string): unknown {
  return path.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), ctx);
}

/** The expression subset our workflows use: paths, 'literals', ==, ||, toJson(x). */
function evalExpr(expr: string, ctx: Ctx): unknown {
  const e = expr.trim();
  if (e.includes("||")) return e.split("||").map((p) => evalExpr(p, ctx)).find((v) => v !== "" && v !== undefined && v !== null && v !== false) ?? "";
  const eq = /^(.+?)\s*==\s*(.+)$/.exec(e);
  if (eq) return String(evalExpr(eq[1]!, ctx)) === String(evalExpr(eq[2]!, ctx));
  const lit = /^'(.*)'$/.exec(e);
  if (lit) return lit[1];
  if (e === "true" || e === "false") return e === "true";
  const fn = /^toJson\((.+)\)$/.exec(e);
  if (fn) return JSON.stringify(lookup(ctx, fn[1]!) ?? null);
  return lookup(ctx, e);
}

export function interpolate(text: string, ctx: Ctx): string {
  return text.replace(/\$\{\{(.+?)\}\}/g, (_, x: string) => {
    const v = evalExpr(x, ctx);
    return v === undefined || v === null ? "" : String(v);
  });
}

function condition(cond: string | undefined, ctx: Ctx): boolean {
  if (cond === undefined) return true;
  const inner = /^\s*\$\{\{(.+)\}\}\s*$/.exec(cond)?.[1] ?? cond;
  const v = evalExpr(inner, ctx);
  return v === true || v === "true";
}

export interface Job {
  /** The checkout (a real git repo); steps run there. */
  workspace: string;
  /** This action's checkout (GITHUB_ACTION_PATH). */
  actionPath: string;
  /** Folder of the actions/cache stand-in. */
  cacheDir: string;
  runnerTemp: string;
  env: Record<string, string>;
  event: Record<string, unknown>;
  vars?: Record<string, string>;
  secrets?: Record<string, string>;
  /** Inputs added to every use of this action (the test's `download-url`: the loopback mirror). */
  actionInputs?: Record<string, string>;
}

export class JobRun {
  readonly results: StepResult[] = [];
  private path: string[] = [];
  private steps: Record<string, { outputs: Record<string, string> }> = {};
  constructor(private job: Job) {}

  private files(): { GITHUB_STEP_SUMMARY: string; GITHUB_OUTPUT: string; GITHUB_PATH: string; GITHUB_ENV: string } {
    const t = this.job.runnerTemp;
    return { GITHUB_STEP_SUMMARY: join(t, "summary.md"), GITHUB_OUTPUT: join(t, "output"), GITHUB_PATH: join(t, "path"), GITHUB_ENV: join(t, "env") };
  }

  summary(): string {
    const f = this.files().GITHUB_STEP_SUMMARY;
    return existsSync(f) ? readFileSync(f, "utf8") : "";
  }

  private ctx(inputs?: Record<string, string>): Ctx {
    const e = this.job.env;
    return {
      github: { event: this.job.event, event_name: e.GITHUB_EVENT_NAME, sha: e.GITHUB_SHA, ref: e.GITHUB_REF, ref_name: e.GITHUB_REF_NAME, base_ref: e.GITHUB_BASE_REF ?? "", head_ref: e.GITHUB_HEAD_REF ?? "", run_id: e.GITHUB_RUN_ID },
      runner: { temp: this.job.runnerTemp, os: "Linux" },
      vars: this.job.vars ?? {}, secrets: this.job.secrets ?? {}, matrix: {}, strategy: {},
      steps: this.steps, inputs: inputs ?? {},
    };
  }

  /** One bash step, as `bash --noprofile --norc -eo pipefail`; collects GITHUB_OUTPUT and GITHUB_PATH. */
  private bash(name: string, script: string, env: Record<string, string>, id?: string): StepResult {
    const f = this.files();
    writeFileSync(f.GITHUB_OUTPUT, "");
    writeFileSync(f.GITHUB_PATH, "");
    const PATH = [...this.path, this.job.env.PATH ?? process.env.PATH ?? ""].join(":");
    const p = Bun.spawnSync(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], {
      cwd: this.job.workspace, env: { ...this.job.env, ...f, RUNNER_TEMP: this.job.runnerTemp, GITHUB_WORKSPACE: this.job.workspace, ...env, PATH }, stdout: "pipe", stderr: "pipe",
    });
    const outputs: Record<string, string> = {};
    for (const line of readFileSync(f.GITHUB_OUTPUT, "utf8").split("\n")) {
      const i = line.indexOf("=");
      if (i > 0) outputs[line.slice(0, i)] = line.slice(i + 1);
    }
    if (id) this.steps[id] = { outputs };
    this.path.unshift(...readFileSync(f.GITHUB_PATH, "utf8").split("\n").filter(Boolean).reverse());
    const r = { name, code: p.exitCode ?? 1, output: p.stdout.toString() + p.stderr.toString() };
    this.results.push(r);
    return r;
  }

  /** This action: action.yml's composite steps, inputs with their defaults, as GitHub runs them. */
  private action(step: Step, ctx: Ctx): StepResult {
    const def = parse(readFileSync(join(this.job.actionPath, "action.yml"), "utf8")) as { inputs: Record<string, { default?: string; required?: boolean }>; runs: { steps: Step[] } };
    const given = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, interpolate(String(v), ctx)]));
    const inputs: Record<string, string> = {};
    for (const [k, d] of Object.entries(def.inputs)) inputs[k] = given[k] ?? this.job.actionInputs?.[k] ?? d.default ?? "";
    const unknown = Object.keys(given).filter((k) => !(k in def.inputs));
    if (unknown.length) throw new Error(`Unexpected input(s) ${unknown.join(", ")} for this action`);
    const saved = this.steps;
    this.steps = {};
    let last: StepResult = { name: step.name ?? "action", code: 0, output: "" };
    try {
      for (const s of def.runs.steps) {
        const c = this.ctx(inputs);
        if (!condition(s.if, c)) continue;
        const env = Object.fromEntries(Object.entries(s.env ?? {}).map(([k, v]) => [k, interpolate(String(v), c)]));
        last = this.bash(`${step.name ?? "action"} / ${s.name}`, s.run!, { ...env, GITHUB_ACTION_PATH: this.job.actionPath }, s.id);
        if (last.code !== 0) return last;
      }
    } finally {
      this.steps = saved;
    }
    return last;
  }

  /** Stand-in for actions/checkout: `git checkout --detach <ref>`, and `git clean -ffdx` unless `clean: false`. */
  private checkout(step: Step, ctx: Ctx): StepResult {
    const ref = interpolate(String(step.with?.ref ?? ""), ctx) || this.job.env.GITHUB_SHA!;
    const clean = step.with?.clean === false || step.with?.clean === "false" ? "" : " && git clean -ffdx -q";
    return this.bash(`${step.name ?? "checkout"} (stand-in)`, `git checkout -q --detach ${ref}${clean}`, {});
  }

  /** Stand-in for actions/cache restore/save: the key's folder under cacheDir (restore-keys as prefixes). */
  private cache(step: Step, ctx: Ctx, save: boolean): StepResult {
    const path = join(this.job.workspace, String(step.with!.path));
    const key = interpolate(String(step.with!.key), ctx);
    if (save) cpSync(path, join(this.job.cacheDir, key), { recursive: true });
    else {
      const prefix = interpolate(String(step.with!["restore-keys"] ?? key), ctx);
      const hit = [key, ...readdirSync(this.job.cacheDir).filter((k) => k.startsWith(prefix)).sort().reverse()].find((k) => existsSync(join(this.job.cacheDir, k)));
      if (hit) {
        rmSync(path, { recursive: true, force: true });
        cpSync(join(this.job.cacheDir, hit), path, { recursive: true });
      }
    }
    const r = { name: `${step.name ?? "cache"} (stand-in)`, code: 0, output: "" };
    this.results.push(r);
    return r;
  }

  /** Runs the job's steps in order; stops at the first failure, as GitHub does. */
  run(workflowFile: string, jobName?: string): StepResult[] {
    const wf = parse(readFileSync(workflowFile, "utf8")) as { jobs: Record<string, { steps: Step[] }> };
    const job = jobName ? wf.jobs[jobName]! : Object.values(wf.jobs)[0]!;
    for (const step of job.steps) {
      const ctx = this.ctx();
      if (!condition(step.if, ctx)) continue;
      let r: StepResult;
      if (step.run) r = this.bash(step.name ?? step.run, interpolate(step.run, ctx), {});
      else if (step.uses?.startsWith("actions/checkout@")) r = this.checkout(step, ctx);
      else if (step.uses?.startsWith("actions/cache/")) r = this.cache(step, ctx, step.uses.startsWith("actions/cache/save@"));
      else if (step.uses?.startsWith("pacer-dev/pacer@")) r = this.action(step, ctx);
      else throw new Error(`No stand-in for "${step.uses}"`);
      if (r.code !== 0) break;
    }
    return this.results;
  }
}

