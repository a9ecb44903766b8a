/**
 * Integrations too old for memory mode. A protocol-v1 client (older pytest-codspeed, codspeed-cpp)
 * knows no `GetIntegrationMode`: it asks for perf with `PingPerf`, gets `Err` (as from the CodSpeed
 * runner) and runs every benchmark uninstrumented, so without this the run ends in "no allocation
 * events" with no word of why.
 *
 * @module
 */
import { PacerError } from "../../src/index.ts";

/** The integrations the CodSpeed runner accepts in memory mode (codspeed-runner.md §3.4). */
export const MEMORY_READY = "a protocol-v2 integration (pytest-codspeed ≥ 4.3.0, codspeed-cpp ≥ 2.1.0, codspeed-rust ≥ 4.2.0)";

const HINT = "Upgrade the benchmark's CodSpeed integration (e.g. `pip install -U pytest-codspeed`), or measure a plain command with `pacer exec --mode memory -- <cmd>`";

/** What to say once a v1 client was seen; `integration` when it sent `SetIntegration`. */
export function protocolV1Message(integration?: { name: string; version: string }): string {
  const who = integration ? `"${integration.name}" ${integration.version}` : "it only sent PingPerf, no name or version";
  return `A protocol-v1 integration was seen (${who}): memory mode needs ${MEMORY_READY}`;
}

/** The run's error when a v1 client was seen and no benchmark was measured. */
export function protocolV1Error(integration?: { name: string; version: string }): PacerError {
  return new PacerError("E_PROTOCOL", protocolV1Message(integration), { hint: HINT });
}
