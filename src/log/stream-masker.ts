/**
 * Masks registered secrets in a byte stream that arrives in chunks: a secret cut in two by a chunk
 * boundary is still masked, because the last `longest secret - 1` bytes are held back until the next
 * chunk (or the end) shows whether they start a secret. Each byte is scanned a bounded number of
 * times, so the cost is linear in the output.
 *
 * @module
 */
import { registeredSecrets } from "./mask.ts";

const STARS = Buffer.from("***");

export interface MaskOptions {
  /**
   * Replace a secret by as many `*` as it has bytes instead of `***`: sizes and offsets stay valid
   * (files in the upload archive, whose tar header holds the size before the data is read).
   */
  sameLength?: boolean;
  /** Called once per secret masked. */
  onMask?: () => void;
}

/** Replaces every whole occurrence of each secret in `buf`, leftmost first. */
export function maskBytes(buf: Buffer, secrets: Buffer[], o: MaskOptions = {}): Buffer {
  if (!secrets.length) return buf;
  const parts: Buffer[] = [];
  let pos = 0;
  const next = secrets.map((s) => buf.indexOf(s, 0));
  for (;;) {
    let best = -1;
    for (let i = 0; i < secrets.length; i++) {
      if (next[i]! >= 0 && next[i]! < pos) next[i] = buf.indexOf(secrets[i]!, pos);
      if (next[i]! >= 0 && (best < 0 || next[i]! < next[best]!)) best = i;
    }
    if (best < 0) break;
    const at = next[best]!;
    const len = secrets[best]!.length;
    parts.push(buf.subarray(pos, at), o.sameLength ? Buffer.alloc(len, "*") : STARS);
    o.onMask?.();
    pos = at + len;
  }
  if (pos === 0) return buf;
  parts.push(buf.subarray(pos));
  return Buffer.concat(parts);
}

export interface StreamMasker {
  /** The masked bytes that are safe to show now. */
  push(chunk: Uint8Array): Buffer;
  /** What was held back, masked: call once at the end of the stream. */
  end(): Buffer;
  /** How many secrets were masked so far. */
  readonly masked: number;
}

/** Secrets are read when the masker is created: register them before spawning the benchmark. */
export function createStreamMasker(secrets: readonly string[] = registeredSecrets(), opts: Pick<MaskOptions, "sameLength"> = {}): StreamMasker {
  const bufs = secrets.filter((s) => s.length > 0).map((s) => Buffer.from(s));
  let masked = 0;
  const o: MaskOptions = { ...opts, onMask: () => void masked++ };
  const hold = Math.max(0, ...bufs.map((b) => b.length - 1));
  let carry: Buffer = Buffer.alloc(0);
  return {
    push(chunk) {
      const raw = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (!bufs.length) return raw;
      const masked = maskBytes(carry.length ? Buffer.concat([carry, raw]) : raw, bufs, o);
      // A secret not yet complete starts within the last `hold` bytes (it is longer than what follows).
      const cut = Math.max(0, masked.length - hold);
      carry = Buffer.from(masked.subarray(cut));
      return masked.subarray(0, cut);
    },
    end() {
      const rest = maskBytes(carry, bufs, o);
      carry = Buffer.alloc(0);
      return rest;
    },
    get masked() {
      return masked;
    },
  };
}
