/**
 * The upload metadata (version 8 of the CodSpeed wire format, §5.3 of the reference) as the server
 * needs it. Loose: fields the server does not use are kept in the stored copy, not checked.
 *
 * @module
 */
import { createHash } from "node:crypto";
import * as v from "valibot";
import { modeOfExecutor } from "../model.ts";

const Name = v.pipe(v.string(), v.minLength(1), v.maxLength(200));

export const MetadataSchema = v.looseObject({
  version: v.number(),
  tokenless: v.optional(v.boolean(), false),
  profileMd5: v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/]{22}==$/, "Expected a base64 MD5")),
  profileEncoding: v.nullish(v.picklist(["gzip", "zstd"])),
  runner: v.looseObject({
    name: v.optional(v.string()),
    version: v.optional(v.string()),
    // The mode's declared executor (a user mode may bring its own name).
    executor: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]*$/, "Expected an executor name such as \"walltime\"")),
    os: v.optional(v.string()),
    osVersion: v.optional(v.string()),
    arch: v.optional(v.string()),
    cpuBrand: v.optional(v.string()),
    cpuCores: v.optional(v.number()),
    totalMemoryGb: v.optional(v.number()),
  }),
  runEnvironment: v.optional(v.string()),
  runPart: v.nullish(v.looseObject({ runId: v.string(), runPartId: v.string(), jobName: v.optional(v.string()) })),
  commitHash: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  ref: v.nullish(v.string()),
  headRef: v.nullish(v.string()),
  baseRef: v.nullish(v.string()),
  owner: Name,
  repository: Name,
  event: v.optional(v.string(), "local"),
  ghData: v.nullish(v.looseObject({ runId: v.optional(v.union([v.string(), v.number()])) })),
});
export type UploadMetadata = v.InferOutput<typeof MetadataSchema>;

/** The branch a run belongs to: a pull request's head branch, a push's branch, a local run's branch. */
export function branchOf(m: UploadMetadata): string {
  if (m.headRef) return m.headRef;
  const ref = m.ref ?? "";
  if (ref.startsWith("refs/heads/")) return ref.slice("refs/heads/".length);
  if (ref.startsWith("refs/tags/")) return ref;
  return /^[0-9a-f]{40}$/.test(ref) || !ref ? "HEAD" : ref;
}

/** What makes two machines' timings comparable. */
export function machineOf(m: UploadMetadata) {
  const r = m.runner;
  return {
    cpuModel: r.cpuBrand ?? "unknown",
    cores: r.cpuCores ?? 0,
    kernel: "",
    os: [r.os, r.osVersion].filter(Boolean).join(" "),
    libc: null,
    node: null,
    tools: {},
    arch: r.arch ?? "",
    memoryGb: r.totalMemoryGb ?? 0,
  };
}

export function machineKey(m: UploadMetadata): string {
  const x = machineOf(m);
  return createHash("sha256").update(JSON.stringify([x.arch, x.cpuModel, x.cores, x.os, x.memoryGb])).digest("hex").slice(0, 16);
}

/** The run part's key: run part id, else one part per upload. */
export function partKeyOf(m: UploadMetadata, metadataHash: string): string {
  return m.runPart?.runPartId ?? metadataHash;
}

export function modeOf(m: UploadMetadata): string {
  return modeOfExecutor(m.runner.executor);
}
