/**
 * The built-in modes alone (no plugin code), for commands that read results of runs made earlier:
 * a record written before measurements carried their rules is read with these.
 *
 * @module
 */
import { memoryMode } from "../../plugins/memory/mode.ts";
import { simulationMode } from "../../plugins/simulation/mode.ts";
import { walltimeMode } from "../../plugins/walltime/mode.ts";
import type { ModeSpec } from "./types.ts";

export const BUILTIN_MODES: readonly ModeSpec[] = [simulationMode, walltimeMode, memoryMode];
