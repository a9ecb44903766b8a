/**
 * Streaming parser of callgrind output files (format version 1, one or many parts per file as
 * written by `--combine-dumps=yes`). Costs of a part come from its `totals:` line; per-function
 * costs are accumulated only for the parts the caller asks for.
 *
 * @module
 */
import { createReadStream } from "node:fs";
import { FunctionCostTable, type FunctionCost } from "./function-costs.ts";
import { forEachLine } from "../../src/toolkit/lines.ts";

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
  functions?: FunctionCost[];
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

/** The benchmark URI of a trigger, or undefined for metadata, termination and other dumps. */
export function uriOfTrigger(trigger: string): string | undefined {
  if (!trigger.startsWith(CLIENT_REQUEST)) return undefined;
  const text = trigger.slice(CLIENT_REQUEST.length).trim();
  return text === "" || text.startsWith("Metadata:") ? undefined : text;
}

/**
 * Fields of a cost or `totals:` line. The format separates them by whitespace; valgrind writes one
 * space, so the regex split only runs for lines from other writers (it is slower on large files).
 */
export function costFields(text: string): string[] {
  return text.includes("  ") || text.includes("\t") ? text.trim().split(/[ \t]+/) : text.split(" ");
}

function parseCosts(tokens: string[], from: number, width: number): number[] {
  const out = new Array<number>(width).fill(0);
  for (let i = from, j = 0; i < tokens.length && j < width; i++, j++) {
    const t = tokens[i]!;
    if (t !== "") out[j] = Number(t);
  }
  return out;
}

/** Line-by-line state machine; feed it with {@link CallgrindParser.push}, then call `finish()`. */
export class CallgrindParser {
  private readonly file: CallgrindFile = { eventDescriptions: {}, parts: [] };
  private part: CallgrindPart | undefined;
  /** Trigger given before the first part (file-level header); the first part starts with it. */
  private fileTrigger = "";
  private sawHeader = false;
  private events: string[] = [];
  private positions = 1;
  private table: FunctionCostTable | undefined;
  private readonly names = { ob: new Map<string, string>(), fl: new Map<string, string>(), fn: new Map<string, string>() };
  private ob = "";
  private fn: FunctionCost | undefined;
  private cob: string | undefined;
  private cfn = "";
  private pendingCalls: number | undefined;

  constructor(private readonly opts: ParseOptions = {}) {}

  /** Resolves `(id) name` / `(id)` name compression; plain names pass through. */
  private name(kind: keyof CallgrindParser["names"], value: string): string {
    if (!value.startsWith("(")) return value;
    const close = value.indexOf(")");
    if (close < 0) return value;
    const id = value.slice(1, close);
    // Real names may start with "(" too: `(below main)`.
    if (!/^\d+$/.test(id)) return value;
    const rest = value.slice(close + 1).trim();
    const table = this.names[kind];
    if (rest !== "") {
      table.set(id, rest);
      return rest;
    }
    return table.get(id) ?? value;
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
    this.fn = undefined;
    this.pendingCalls = undefined;
    return part;
  }

  private current(): CallgrindPart {
    return this.part ?? this.startPart(1);
  }

  /** Starts function accumulation once the part header (trigger, events) is known. */
  private bodyTable(): FunctionCostTable | undefined {
    const part = this.current();
    if (this.table === undefined && this.opts.functionsFor?.({ trigger: part.trigger, uri: part.uri })) {
      this.table = new FunctionCostTable(part.events.length);
    }
    return this.table;
  }

  push(line: string): void {
    if (line === "" || line.charCodeAt(0) === 35 /* # */) return;
    const c = line.charCodeAt(0);
    // Cost lines start with a position: a digit, +, -, * (or 0x for instruction positions).
    if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 42) return this.costLine(line);
    const eq = line.indexOf("=");
    const colon = line.indexOf(":");
    if (eq > 0 && (colon < 0 || eq < colon)) return this.specLine(line.slice(0, eq), line.slice(eq + 1));
    if (colon > 0) return this.headerLine(line.slice(0, colon), line.slice(colon + 1).trim());
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
        part.totals = parseCosts(costFields(value), 0, part.events.length);
        if (this.table) part.functions = this.table.list();
        this.table = undefined;
        return;
      }
    }
  }

  private specLine(key: string, value: string): void {
    switch (key) {
      case "ob":
        this.ob = this.name("ob", value);
        return;
      case "fn": {
        const table = this.bodyTable();
        this.fn = table?.function(this.ob, this.name("fn", value));
        this.cob = undefined;
        return;
      }
      case "cob":
        this.cob = this.name("ob", value);
        return;
      case "cfn":
      case "cfi":
      case "cfl":
      case "fl":
      case "fi":
      case "fe":
        // Names are registered even when unused: a later line may refer to them by id only.
        if (key === "cfn") this.cfn = this.name("fn", value);
        else this.name("fl", value);
        return;
      case "calls":
        this.pendingCalls = Number(costFields(value)[0]);
        return;
    }
  }

  private costLine(line: string): void {
    if (!this.table || !this.fn) {
      this.pendingCalls = undefined;
      return;
    }
    const tokens = costFields(line);
    if (this.pendingCalls === undefined) {
      this.table.addSelf(this.fn, tokens, this.positions);
      return;
    }
    this.table.addCall(this.fn, this.cob ?? this.ob, this.cfn, this.pendingCalls, tokens, this.positions);
    this.pendingCalls = undefined;
    this.cob = undefined;
  }

  finish(): CallgrindFile {
    // A header with nothing after it (a truncated file) is still a part, so that it is reported.
    if (!this.part && this.sawHeader) this.startPart(1);
    const part = this.part;
    if (part && this.table && !part.functions) part.functions = this.table.list();
    return this.file;
  }
}

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
  await forEachLine(input, (line) => parser.push(line));
  return parser.finish();
}

/** Parses a callgrind output file, streaming it from disk. */
export function parseCallgrindFile(path: string, opts: ParseOptions = {}): Promise<CallgrindFile> {
  return parseCallgrind(createReadStream(path, { highWaterMark: 1 << 20 }), opts);
}
