/**
 * The registry of built-ins: the built-in instruments, as a static list so `bun build --compile`
 * bundles them, and their modes. Loaded lazily: only commands that run or probe instruments import
 * the plugins; commands that read results (compare, export, report) only need the modes.
 *
 * @module
 */
import memory from "../../plugins/memory/index.ts";
import simulation from "../../plugins/simulation/index.ts";
import walltime from "../../plugins/walltime/index.ts";
import type { InstrumentPlugin, Resolvable } from "./types.ts";

export const BUILTIN_PLUGINS: Array<Resolvable<InstrumentPlugin<any, any>>> = [simulation, walltime, memory];
