/**
 * The upload metadata (the POST body, §5.3 of the reference, version 8). Built as an object literal
 * in the wire's field order: the tokenless run hash is computed over this exact serialisation, and
 * absent values are `null`, never skipped.
 *
 * @module
 */
import type { RepositoryProvider, RunEnvironment, RunPart, Sender } from "../run-environment/types.ts";
import type { SystemInfo } from "../system/info.ts";
import type { ArchiveEncoding } from "./archive.ts";

export const UPLOAD_METADATA_VERSION = 8;

export interface RunnerMetadata {
  name: string;
  version: string;
  instruments: string[];
  executor: string;
  os: string;
  osVersion: string;
  arch: string;
  host: string;
  user: string;
  cpuBrand: string;
  cpuName: string;
  cpuVendorId: string;
  cpuCores: number;
  totalMemoryGb: number;
}

export interface UploadMetadata {
  repositoryProvider: RepositoryProvider;
  version: number;
  tokenless: boolean;
  profileMd5: string;
  profileEncoding: ArchiveEncoding;
  runner: RunnerMetadata;
  runEnvironment: string;
  runPart: RunPart | null;
  commitHash: string;
  allowEmpty: boolean;
  ref: string;
  headRef: string | null;
  baseRef: string | null;
  owner: string;
  repository: string;
  event: string;
  sender: Sender | null;
  ghData: { runId: string; job: string } | null;
  glData: { runId: string; job: string } | null;
  repositoryRootPath: string;
}

/** The field order of the wire format, checked by tests and by the loopback server. */
export const METADATA_FIELD_ORDER = [
  "repositoryProvider", "version", "tokenless", "profileMd5", "profileEncoding", "runner", "runEnvironment",
  "runPart", "commitHash", "allowEmpty", "ref", "headRef", "baseRef", "owner", "repository", "event", "sender",
  "ghData", "glData", "repositoryRootPath",
] as const;

export const RUNNER_FIELD_ORDER = [
  "name", "version", "instruments", "executor", "os", "osVersion", "arch", "host", "user", "cpuBrand", "cpuName",
  "cpuVendorId", "cpuCores", "totalMemoryGb",
] as const;

export interface MetadataInput {
  environment: RunEnvironment;
  /** The run part with its run index, or null. */
  runPart: RunPart | null;
  tokenless: boolean;
  archive: { md5: string; encoding: ArchiveEncoding };
  executor: string;
  instruments?: string[];
  system: SystemInfo;
  allowEmpty: boolean;
  /** `{ name, version }` of the uploading runner. */
  runner: { name: string; version: string };
}

/**
 * @example
 * ```ts
 * const meta = buildUploadMetadata({ environment, runPart: null, tokenless: false,
 *   archive: { md5: "jp/k05RKuqP3ERQuIIvx4Q==", encoding: "gzip" }, executor: "my-executor",
 *   system: systemInfo(), allowEmpty: false, runner: { name: "pacer", version: VERSION } });
 * JSON.stringify(meta); // {"repositoryProvider":"GITHUB","version":8,"tokenless":false,…}
 * ```
 */
export function buildUploadMetadata(input: MetadataInput): UploadMetadata {
  const { environment: re, system: sys } = input;
  const m = re.metadata;
  return {
    repositoryProvider: re.repositoryProvider,
    version: UPLOAD_METADATA_VERSION,
    tokenless: input.tokenless,
    profileMd5: input.archive.md5,
    profileEncoding: input.archive.encoding,
    runner: {
      name: input.runner.name,
      version: input.runner.version,
      instruments: input.instruments ?? [],
      executor: input.executor,
      os: sys.os,
      osVersion: sys.osVersion,
      arch: sys.arch,
      host: sys.host,
      user: sys.user,
      cpuBrand: sys.cpuBrand || "unknown",
      // sysinfo (used by the CodSpeed runner) names the first CPU "cpu0" on Linux.
      cpuName: "cpu0",
      cpuVendorId: sys.cpuVendorId,
      cpuCores: sys.cpuCores,
      totalMemoryGb: sys.totalMemoryGb,
    },
    runEnvironment: re.name,
    runPart: input.runPart,
    commitHash: re.commitHash,
    allowEmpty: input.allowEmpty,
    ref: m.ref,
    headRef: m.headRef,
    baseRef: m.baseRef,
    owner: m.owner,
    repository: m.repository,
    event: m.event,
    sender: m.sender,
    ghData: m.ghData,
    glData: m.glData,
    repositoryRootPath: m.repositoryRootPath,
  };
}
