/**
 * bincode 1.x "legacy" encoding of {@link FifoCommand}: little-endian, fixed-width integers, an enum is
 * a `u32` variant index followed by its fields, a `String` is a `u64` byte length plus UTF-8 bytes.
 * A frame on the FIFO is a `u32` LE payload length followed by the payload.
 *
 * @module
 */
import { PacerError } from "../errors.ts";
import { COMMAND_KINDS, MARKER_TYPES, WIRE_INTEGRATION_MODES, type FifoCommand } from "./commands.ts";

const utf8 = new TextEncoder();
const utf8Strict = new TextDecoder("utf-8", { fatal: true });

type Field = { t: "u32"; v: number } | { t: "i32"; v: number } | { t: "u64"; v: bigint } | { t: "str"; v: Uint8Array };

function fieldsOf(cmd: FifoCommand): Field[] {
  switch (cmd.kind) {
    case "CurrentBenchmark":
      return [{ t: "i32", v: cmd.pid }, { t: "str", v: utf8.encode(cmd.uri) }];
    case "SetIntegration":
      return [{ t: "str", v: utf8.encode(cmd.name) }, { t: "str", v: utf8.encode(cmd.version) }];
    case "AddMarker":
      return [
        { t: "i32", v: cmd.pid },
        { t: "u32", v: MARKER_TYPES.indexOf(cmd.marker) },
        { t: "u64", v: cmd.timestampNs },
      ];
    case "SetVersion":
      return [{ t: "u64", v: cmd.version }];
    case "IntegrationModeResponse":
      return [{ t: "u32", v: WIRE_INTEGRATION_MODES.indexOf(cmd.mode) }];
    default:
      return [];
  }
}

function fieldSize(f: Field): number {
  return f.t === "u64" ? 8 : f.t === "str" ? 8 + f.v.length : 4;
}

/**
 * Encodes a command's bincode payload (no length prefix).
 *
 * @example
 * ```ts
 * encodePayload({ kind: "Ack" }); // Uint8Array [3, 0, 0, 0]
 * ```
 */
export function encodePayload(cmd: FifoCommand): Uint8Array {
  return writeFields(cmd, 0);
}

/**
 * Encodes a full frame: `u32` LE payload length, then the payload, in one buffer so that one `write()`
 * sends it (atomic on a pipe below `PIPE_BUF`).
 *
 * @example
 * ```ts
 * encodeFrame({ kind: "StartBenchmark" }); // 04 00 00 00 01 00 00 00
 * ```
 */
export function encodeFrame(cmd: FifoCommand): Uint8Array {
  return writeFields(cmd, 4);
}

function writeFields(cmd: FifoCommand, prefix: number): Uint8Array {
  const fields = fieldsOf(cmd);
  const size = 4 + fields.reduce((n, f) => n + fieldSize(f), 0);
  const out = new Uint8Array(prefix + size);
  const view = new DataView(out.buffer);
  if (prefix) view.setUint32(0, size, true);
  let at = prefix;
  view.setUint32(at, COMMAND_KINDS.indexOf(cmd.kind), true);
  at += 4;
  for (const f of fields) {
    if (f.t === "u32") view.setUint32(at, f.v, true);
    else if (f.t === "i32") view.setInt32(at, f.v, true);
    else if (f.t === "u64") view.setBigUint64(at, f.v, true);
    else {
      view.setBigUint64(at, BigInt(f.v.length), true);
      out.set(f.v, at + 8);
    }
    at += fieldSize(f);
  }
  return out;
}

/** Sequential reader that fails with `E_PROTOCOL` instead of reading past the payload. */
class Reader {
  private at = 0;
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  private need(n: number, what: string): number {
    if (this.at + n > this.bytes.length) {
      throw malformed(this.bytes, `${what} needs ${n} bytes at offset ${this.at}, payload has ${this.bytes.length}`);
    }
    const at = this.at;
    this.at += n;
    return at;
  }
  u32(what: string): number {
    return this.view.getUint32(this.need(4, what), true);
  }
  i32(what: string): number {
    return this.view.getInt32(this.need(4, what), true);
  }
  u64(what: string): bigint {
    return this.view.getBigUint64(this.need(8, what), true);
  }
  str(what: string): string {
    const len = this.u64(`${what} length`);
    if (len > BigInt(this.bytes.length - this.at)) {
      throw malformed(this.bytes, `${what} length ${len} exceeds the ${this.bytes.length - this.at} bytes left`);
    }
    const at = this.need(Number(len), what);
    try {
      return utf8Strict.decode(this.bytes.subarray(at, at + Number(len)));
    } catch {
      throw malformed(this.bytes, `${what} is not valid UTF-8`);
    }
  }
  tag<T>(table: readonly T[], what: string): T {
    const i = this.u32(what);
    const v = table[i];
    if (v === undefined) throw malformed(this.bytes, `unknown ${what} ${i}`);
    return v;
  }
  end(): void {
    if (this.at !== this.bytes.length) {
      throw malformed(this.bytes, `${this.bytes.length - this.at} trailing bytes after the command`);
    }
  }
}

function malformed(bytes: Uint8Array, detail: string): PacerError {
  const head = Buffer.from(bytes.subarray(0, 32)).toString("hex");
  return new PacerError("E_PROTOCOL", `Cannot decode FIFO command: ${detail} (payload starts "${head}")`, {
    hint: "The integration speaks a different protocol version; update it or pacer",
  });
}

/**
 * Decodes one bincode payload (without the length prefix) into a command.
 *
 * @throws {PacerError} `E_PROTOCOL` when the bytes are not exactly one known command.
 * @example
 * ```ts
 * decodePayload(new Uint8Array([9, 0, 0, 0])); // { kind: "GetIntegrationMode" }
 * ```
 */
export function decodePayload(bytes: Uint8Array): FifoCommand {
  const r = new Reader(bytes);
  const kind = r.tag(COMMAND_KINDS, "command variant");
  let cmd: FifoCommand;
  switch (kind) {
    case "CurrentBenchmark":
      cmd = { kind, pid: r.i32("pid"), uri: r.str("uri") };
      break;
    case "SetIntegration":
      cmd = { kind, name: r.str("name"), version: r.str("version") };
      break;
    case "AddMarker":
      cmd = { kind, pid: r.i32("pid"), marker: r.tag(MARKER_TYPES, "marker type"), timestampNs: r.u64("timestamp") };
      break;
    case "SetVersion":
      cmd = { kind, version: r.u64("version") };
      break;
    case "IntegrationModeResponse":
      cmd = { kind, mode: r.tag(WIRE_INTEGRATION_MODES, "integration mode") };
      break;
    default:
      cmd = { kind };
  }
  r.end();
  return cmd;
}
