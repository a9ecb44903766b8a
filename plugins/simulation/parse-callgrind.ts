/**
 * Streaming parser of callgrind output files (format version 1, one or many parts per file as
 * written by `--combine-dumps=yes`). Costs of a part come from its `totals:` line; per-function
 * costs are accumulated only for the parts the caller asks for.
 *
 * Lines are read as bytes: cost lines (nearly all of a file) are parsed in place and names are
 * looked up by id, so throughput is bound by scanning, not by string allocation.
 *
 * @module
 */
import { forEachFileLineBlock, forEachLineBlock } from "../../src/toolkit/byte-lines.ts";
import { firstValue, isBlank, isCostLineStart, skipBlanks, specOf, type Spec } from "./callgrind-bytes.ts";
import { FunctionCosts } from "./function-costs.ts";
import { withoutTopTier } from "./jit-tier.ts";
import { NameInterner } from "./name-interner.ts";
import { FileNames, MemoryNames } from "./name-store.ts";

/** One dump inside a callgrind file. */
export interface CallgrindPart {
  /** `part:` number (1 when the file has no `part:` line). */
  index: number;
  /** Text after `desc: Trigger: `, e.g. `Client Request: bench.mjs::fib` or `Program termination`. */
  trigger: string;
  /** The benchmark URI when the trigger is a client request that is not `Metadata: …`. */
  uri?: string;
  events: string[];
  /** Costs of the `totals:` line aligned with `events` (missing trailing columns are 0); undefined if absent. */
  totals?: number[];
  functions?: FunctionCosts;
}

export interface CallgrindFile {
  pid?: number;
  cmd?: string;
  creator?: string;
  /** Long descriptions of events (`event: sysTime : sysTime (elapsed ns)` → `sysTime (elapsed ns)`). */
  eventDescriptions: Record<string, string>;
  parts: CallgrindPart[];
}

export interface ParseOptions {
  /** Whether to accumulate per-function costs for a part, decided from its trigger (default: never). */
  functionsFor?: (part: { trigger: string; uri?: string }) => boolean;
}

const CLIENT_REQUEST = "Client Request: ";
const decoder = new TextDecoder();

/** The benchmark URI of a trigger, or undefined for metadata, termination and other dumps. */
export function uriOfTrigger(trigger: string): string | undefined {
  if (!trigger.startsWith(CLIENT_REQUEST)) return undefined;
  const text = trigger.slice(CLIENT_REQUEST.length).trim();
  return text === "" || text.startsWith("Metadata:") ? undefined : text;
}

function parseCosts(text: string, width: number): number[] {
  const tokens = text.trim().split(/[ \t]+/);
  const out = new Array<number>(width).fill(0);
  for (let j = 0; j < tokens.length && j < width; j++) if (tokens[j] !== "") out[j] = Number(tokens[j]);
  return out;
}

/** Line-by-line state machine; feed it whole lines with {@link CallgrindParser.lines}, then call `finish()`. */
export class CallgrindParser {
  private readonly file: CallgrindFile = { eventDescriptions: {}, parts: [] };
  private part: CallgrindPart | undefined;
  /** Trigger given before the first part (file-level header); the first part starts with it. */
  private fileTrigger = "";
  private sawHeader = false;
  private events: string[] = [];
  private positions = 1;
  private table: FunctionCosts | undefined;
  private readonly interner: NameInterner;
  /** Where in the stream `buf[0]` of the block being parsed lies (for names kept as their place in a file). */
  private blockAt = 0;
  /** `(id) name` compression: callgrind id → interned id, per name kind. */
  private readonly compressed = { ob: [] as number[], fl: [] as number[], fn: [] as number[] };
  private ob = -1;
  /** The current function's number in {@link table}, -1 outside accumulated parts. */
  private fn = -1;
  private cob = -1;
  private cfn = -1;
  private pendingCalls: number | undefined;

  /** `names`: where names' bytes are kept (copied by default; a file's long names can stay in the file). */
  constructor(
    private readonly opts: ParseOptions = {},
    names = new NameInterner(new MemoryNames()),
  ) {
    this.interner = names;
    this.ob = this.interner.idOf("");
    this.cfn = this.ob;
  }

  /** Resolves `(id) name` / `(id)` name compression of `buf[start, end)`; plain names pass through. */
  private name(kind: keyof CallgrindParser["compressed"], buf: Uint8Array, start: number, end: number): number {
    if (buf[start] !== 40 /* ( */) return this.interner.id(buf, start, end, this.blockAt + start);
    let close = start + 1;
    let id = 0;
    for (; close < end; close++) {
      const d = buf[close]! - 48;
      if (d < 0 || d > 9) break;
      id = id * 10 + d;
    }
    // Real names may start with "(" too: `(below main)`.
    if (close === start + 1 || close >= end || buf[close] !== 41 /* ) */) return this.interner.id(buf, start, end, this.blockAt + start);
    const from = skipBlanks(buf, close + 1, end);
    let to = end;
    while (to > from && isBlank(buf[to - 1]!)) to--;
    const table = this.compressed[kind];
    if (from < to) return (table[id] = this.interner.id(buf, from, to, this.blockAt + from));
    return table[id] ?? this.interner.id(buf, start, end, this.blockAt + start);
  }

  private startPart(index: number): CallgrindPart {
    const part: CallgrindPart = { index, trigger: "", events: this.events };
    if (this.file.parts.length === 0 && this.fileTrigger !== "") {
      part.trigger = this.fileTrigger;
      part.uri = uriOfTrigger(this.fileTrigger);
    }
    this.file.parts.push(part);
    this.part = part;
    this.table = undefined;
    this.fn = -1;
    this.pendingCalls = undefined;
    return part;
  }

  private current(): CallgrindPart {
    return this.part ?? this.startPart(1);
  }

  /** Starts function accumulation once the part header (trigger, events) is known. */
  private bodyTable(): FunctionCosts | undefined {
    const part = this.current();
    if (this.table === undefined && this.opts.functionsFor?.({ trigger: part.trigger, uri: part.uri })) {
      this.table = new FunctionCosts(part.events.length, this.interner);
    }
    return this.table;
  }

  /**
   * Takes whole lines, `buf[start, end)`, lying at `at` in the stream. Cost lines of an accumulated
   * function (nearly all of a file) are read to their `\n` as their columns are added, a run at a
   * time; only other lines are searched for it.
   */
  lines(buf: Uint8Array, start: number, end: number, at = 0): void {
    this.blockAt = at - start;
    let i = start;
    while (i < end) {
      if (this.table && this.fn >= 0 && isCostLineStart(buf[i]!)) {
        i = this.costLines(buf, i, end);
        continue;
      }
      let nl = buf.indexOf(10, i);
      if (nl < 0 || nl > end) nl = end;
      this.line(buf, i, nl);
      i = nl + 1;
    }
  }

  /** Takes one line, `buf[start, end)` without its `\n`. */
  private line(buf: Uint8Array, start: number, end: number): void {
    if (start >= end) return;
    const c = buf[start]!;
    if (c === 35 /* # */) return;
    if (isCostLineStart(c)) {
      this.costLines(buf, start, end);
      return;
    }
    let i = start;
    while (i < end && buf[i] !== 61 /* = */ && buf[i] !== 58 /* : */) i++;
    if (i > start && i < end && buf[i] === 61) return this.specLine(specOf(buf, start, i), buf, i + 1, end);
    while (i < end && buf[i] !== 58) i++;
    if (i > start && i < end) {
      this.headerLine(decoder.decode(buf.subarray(start, i)), decoder.decode(buf.subarray(i + 1, end)).trim());
    }
  }

  private headerLine(key: string, value: string): void {
    switch (key) {
      case "part":
        this.startPart(Number(value));
        return;
      case "pid":
        this.file.pid = Number(value);
        return;
      case "cmd":
        this.file.cmd = value;
        return;
      case "creator":
        this.file.creator = value;
        return;
      case "positions":
        this.positions = value.split(/\s+/).filter(Boolean).length || 1;
        return;
      case "events":
        // Before the first `part:` this is a file-level header: no part exists yet to receive it.
        this.events = value.split(/\s+/).filter(Boolean);
        this.sawHeader = true;
        if (this.part) this.part.events = this.events;
        return;
      case "event": {
        const m = /^(\S+)\s*:\s*(.*)$/.exec(value);
        if (m) this.file.eventDescriptions[m[1]!] = m[2]!;
        return;
      }
      case "desc": {
        if (!value.startsWith("Trigger:")) return;
        const trigger = value.slice("Trigger:".length).trim();
        if (!this.part) {
          this.fileTrigger = trigger;
          this.sawHeader = true;
          return;
        }
        this.part.trigger = trigger;
        this.part.uri = uriOfTrigger(trigger);
        return;
      }
      case "totals": {
        const part = this.current();
        part.totals = parseCosts(value, part.events.length);
        this.endTable(part);
        return;
      }
    }
  }

  private specLine(key: Spec, buf: Uint8Array, start: number, end: number): void {
    switch (key) {
      case "ob":
        this.ob = this.name("ob", buf, start, end);
        return;
      case "fn": {
        const table = this.bodyTable();
        // Outside accumulated parts only a compressed name's definition matters (later lines may use its id).
        if (table || buf[start] === 40) {
          const name = this.name("fn", buf, start, end);
          this.fn = table ? table.function(this.ob, name) : -1;
        } else this.fn = -1;
        this.cob = -1;
        return;
      }
      case "cob":
        this.cob = this.name("ob", buf, start, end);
        return;
      case "cfn":
        this.cfn = this.name("fn", buf, start, end);
        return;
      case "file":
        // File names are not kept, but a compressed one defined here may be referred to by id later.
        if (buf[start] === 40) this.name("fl", buf, start, end);
        return;
      case "calls":
        this.pendingCalls = firstValue(buf, start, end);
        return;
    }
  }

  /**
   * Adds the cost lines at `start` (the one line after `calls=`, or a run of the function's own);
   * returns where they end, or `end` when they are skipped.
   */
  private costLines(buf: Uint8Array, start: number, end: number): number {
    if (!this.table || this.fn < 0) {
      this.pendingCalls = undefined;
      return end;
    }
    if (this.pendingCalls === undefined) return this.table.addSelf(this.fn, buf, start, end, this.positions);
    const to = this.table.addCall(this.fn, this.cob >= 0 ? this.cob : this.ob, this.cfn, this.pendingCalls, buf, start, end, this.positions);
    this.pendingCalls = undefined;
    this.cob = -1;
    return to;
  }

  /** Gives the part its function costs, complete. */
  private endTable(part: CallgrindPart): void {
    if (!this.table) return;
    part.functions = this.table;
    this.table = undefined;
  }

  finish(): CallgrindFile {
    // A header with nothing after it (a truncated file) is still a part, so that it is reported.
    if (!this.part && this.sawHeader) this.startPart(1);
    if (this.part && !this.part.functions) this.endTable(this.part);
    return this.file;
  }
}

// The dispatch of lines: the cost lines themselves are read by `addCostLines`, which keeps the top tier.
const parser = CallgrindParser.prototype;
withoutTopTier(parser.lines, parser["line"], parser["specLine"], parser["costLines"]);

/**
 * Parses a callgrind output from any byte stream (a file, a gunzip stream…).
 *
 * @example
 * ```ts
 * const out = await parseCallgrind(createReadStream("prof/1234.out"), { functionsFor: (p) => !!p.uri });
 * for (const part of out.parts) if (part.uri) console.log(part.uri, part.totals?.[0]);
 * ```
 */
export async function parseCallgrind(
  input: AsyncIterable<Uint8Array | string>,
  opts: ParseOptions = {},
): Promise<CallgrindFile> {
  const parser = new CallgrindParser(opts);
  await forEachLineBlock(input, (buf, start, end, at) => parser.lines(buf, start, end, at));
  return parser.finish();
}

/**
 * Parses a callgrind output file, reading it in large blocks into one reused buffer. Long names are
 * read back from the file when asked for: it must not change while the result is used.
 */
export async function parseCallgrindFile(path: string, opts: ParseOptions = {}): Promise<CallgrindFile> {
  const parser = new CallgrindParser(opts, new NameInterner(new FileNames(path)));
  await forEachFileLineBlock(path, (buf, start, end, at) => parser.lines(buf, start, end, at));
  return parser.finish();
}
