/**
 * An example user instrument: CPU time and peak memory (max RSS) of the whole benchmark command,
 * from wait4(2). Load it with `pacer run --plugin examples/plugins/rusage.ts …`.
 *
 * A plugin file loaded by the compiled pacer cannot import packages: it uses type-only imports and
 * takes everything else from the context (`ctx.selfCommand`, `ctx.tempDir`, `ctx.libs`, `ctx.log`).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { InstrumentPlugin } from "../../src/index.ts";

interface Options {
  /** Also print a log line with the numbers. */
  verbose: boolean;
}

const plugin: InstrumentPlugin<Options> = {
  name: "rusage",
  apiVersion: 1,
  version: "1.0.0",
  // Outermost, so it measures everything the other instruments run.
  enforce: "post",
  options: (v) => v.object({ verbose: v.optional(v.boolean(), false) }),

  probe(ctx) {
    // wait4 is always there on Linux; say what we measure and where it comes from.
    return {
      status: ctx.system.kernel ? "supported" : "unsupported",
      features: { wait4: { enabled: true, value: "CPU time and max RSS of the command tree" } },
      reasons: [],
    };
  },

  wrap(cmd, ctx) {
    const out = join(ctx.tempDir, "rusage.json");
    ctx.state.set("out", out);
    return { ...cmd, argv: [...ctx.selfCommand, "__rusage", out, "--", ...cmd.argv] };
  },

  collect(ctx) {
    const out = ctx.state.get("out") as string;
    const r = JSON.parse(readFileSync(out, "utf8")) as { userCpuUs: number; systemCpuUs: number; maxRssBytes: number };
    if (ctx.options.verbose) ctx.log.info(`user ${r.userCpuUs} µs, system ${r.systemCpuUs} µs, max RSS ${r.maxRssBytes} B`);
    return {
      instrument: "rusage",
      title: "Resource Usage",
      columns: [
        { key: "user_cpu", label: "User CPU", unit: "seconds" },
        { key: "system_cpu", label: "System CPU", unit: "seconds" },
        { key: "max_rss", label: "Max RSS", unit: "bytes" },
      ],
      benchmarks: [
        {
          name: "whole command",
          uri: "rusage::whole-command",
          metrics: { user_cpu: r.userCpuUs / 1e6, system_cpu: r.systemCpuUs / 1e6, max_rss: r.maxRssBytes },
        },
      ],
      notes: ["Measured by wait4(2): includes every descendant the command waited for"],
    };
  },
};

export default plugin;
