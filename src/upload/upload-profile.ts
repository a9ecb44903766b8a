/**
 * Everything between "the run finished" and "the results are on a server": archive the profile
 * folder, resolve the credentials, POST the metadata, PUT the archive, optionally poll the report.
 * On failure the profile folder is left untouched and the error says how to retry it.
 *
 * @module
 */
import { existsSync, statSync } from "node:fs";
import { PacerError, errorMessage } from "../errors.ts";
import { createLogger, endGroup, startGroup } from "../log/logger.ts";
import { maskSecrets, registerSecret } from "../log/mask.ts";
import { annotate } from "../run-environment/annotate.ts";
import { detectRunEnvironment } from "../run-environment/detect.ts";
import { withRunIndex } from "../run-environment/run-part.ts";
import { systemInfo } from "../system/info.ts";
import { installSignalHandlers, onExitCleanup } from "../run/interrupt.ts";
import { readStoredToken } from "./user-config.ts";
import { VERSION } from "../version.ts";
import { archiveDir, createProfileArchive, folderSize, removeArchive } from "./archive.ts";
import { resolveUploadAuth } from "./auth.ts";
import { retryTuning, type RetryOptions } from "./client.ts";
import { chooseEncoding } from "./encoding.ts";
import { apiUrlFrom, DEFAULT_API_URL } from "./graphql.ts";
import { authHint, retryHint, type RetryTarget } from "./hints.ts";
import { uploadLimits, type UploadLimits } from "./limits.ts";
import { startProgress } from "./progress.ts";
import { resolveLocalRepository } from "./local-repository.ts";
import { buildUploadMetadata } from "./metadata.ts";
import { pollRunReport } from "./poll.ts";
import { putArchive } from "./put-archive.ts";
import { requestUploadSlot } from "./request-slot.ts";
import { runHash } from "./run-hash.ts";
import { renderRunReport } from "./show-report.ts";
import { DEFAULT_UPLOAD_URL, resolveUploadUrl } from "./should-upload.ts";
import { isTerminal, stderr } from "../log/console-out.ts";

export interface UploadRunOptions {
  profileFolder: string;
  executor: string;
  /** The mode's archive encoding (`ModeSpec.archiveEncoding`); undefined: by folder size. */
  archiveEncoding?: "gzip" | "zstd" | null;
  allowEmpty: boolean;
  token?: string;
  uploadUrl?: string;
  apiUrl?: string;
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Poll and print the run report; default: only for local runs. */
  poll?: boolean;
  /** `--upload-timeout` / `--stall-timeout` (seconds), else the environment, else 1800 / 30. */
  timeout?: string;
  stallTimeout?: string;
}

export interface UploadResult {
  runId: string;
  owner?: string;
  repository?: string;
  reportUrl?: string;
}

/** The runner identity in the metadata: pacer names itself (see src/upload/README.md). */
export const RUNNER_IDENTITY = { name: "pacer", version: VERSION } as const;

const GROUP = "Uploading results";

function retryOptions(
  env: NodeJS.ProcessEnv,
  retries: number,
  limits: UploadLimits & { deadline: number },
  log: ReturnType<typeof createLogger>,
  what: string,
): RetryOptions {
  const tuning = retryTuning(env);
  return {
    retries,
    stallMs: limits.stallMs,
    deadline: limits.deadline,
    deadlineLabel: limits.totalLabel,
    ...(tuning.timeoutMs !== undefined ? { timeoutMs: tuning.timeoutMs } : {}),
    ...(tuning.baseDelayMs !== undefined ? { baseDelayMs: tuning.baseDelayMs } : {}),
    onRetry: (attempt, reason, delay) => log.warn(`${what} failed (${reason}), retry ${attempt}/${retries} in ${delay} ms`),
  };
}

/** Re-throws anything as a PacerError that tells how to retry the kept profile folder. */
function withRetryHint(err: unknown, hint: string): PacerError {
  if (err instanceof PacerError) {
    if (err.hint?.includes("pacer upload --profile-folder")) return err;
    const code = err.code === "E_AUTH" || err.code === "E_USAGE" || err.code === "E_IO" ? err.code : "E_UPLOAD";
    return new PacerError(code, err.message, { hint: err.hint ? `${err.hint}. ${hint}` : hint, cause: err.cause ?? err });
  }
  return new PacerError("E_UPLOAD", `Failed to upload the profile: ${errorMessage(err)}`, { hint, cause: err });
}

/** The password of a URL as written (percent-encoded) and decoded. */
function urlPasswords(url: string | undefined): string[] {
  try {
    const raw = url ? new URL(url).password : "";
    return raw ? [raw, decodeURIComponent(raw)] : [];
  } catch {
    return [];
  }
}

/** The servers and token source of this upload, so the printed retry command targets the same ones. */
function retryTarget(opts: UploadRunOptions, env: NodeJS.ProcessEnv, token: string | undefined): RetryTarget {
  let uploadUrl: string | undefined;
  try {
    uploadUrl = resolveUploadUrl(opts.uploadUrl, env);
  } catch {
    uploadUrl = opts.uploadUrl;
  }
  const apiUrl = apiUrlFrom(opts.apiUrl, env);
  return {
    ...(uploadUrl && uploadUrl !== DEFAULT_UPLOAD_URL ? { uploadUrl } : {}),
    ...(apiUrl !== DEFAULT_API_URL ? { apiUrl } : {}),
    tokenFrom: !token ? "none" : token === env.CODSPEED_TOKEN ? "env" : "flag",
    allowEmpty: opts.allowEmpty,
    executor: opts.executor,
  };
}

/**
 * Uploads `profileFolder`. Throws `PacerError("E_UPLOAD" | "E_AUTH")` whose hint includes
 * `pacer upload --profile-folder <dir>`.
 *
 * @example
 * ```ts
 * if (shouldUpload({ skipUpload, uploadUrlGiven: !!flags.uploadUrl, env: process.env })) {
 *   const { runId, reportUrl } = await uploadProfile({ profileFolder, executor: "my-mode",
 *     allowEmpty: false, cwd: process.cwd(), uploadUrl: flags.uploadUrl, token: flags.token });
 * }
 * ```
 */
export async function uploadProfile(opts: UploadRunOptions): Promise<UploadResult> {
  const env = opts.env ?? process.env;
  const log = createLogger();
  const token = opts.token || env.CODSPEED_TOKEN || undefined;
  registerSecret(token);
  if (!existsSync(opts.profileFolder) || !statSync(opts.profileFolder).isDirectory()) {
    throw new PacerError("E_UPLOAD", `Cannot upload "${opts.profileFolder}": not a directory`, {
      hint: "Pass the profile folder of a finished run to --profile-folder",
    });
  }
  // A stored login token must be known as a secret before any file is archived.
  try {
    readStoredToken(env);
  } catch {
    // a broken config file is reported by resolveUploadAuth when it matters
  }
  const target = retryTarget(opts, env, token);
  // A password in a URL (`https://user:pw@host/upload`) is a secret like a token.
  for (const url of [target.uploadUrl, target.apiUrl]) for (const pw of urlPasswords(url)) registerSecret(pw);
  const retry = retryHint(opts.profileFolder, target);
  // Ctrl-C, SIGTERM or an exit mid-upload: the archive goes, and the user learns how to retry.
  installSignalHandlers();
  let dir: string | undefined;
  const removeDir = () => dir && removeArchive({ path: dir, dir });
  const removeOnExit = onExitCleanup(() => {
    removeDir();
    stderr.write(maskSecrets(`The upload did not finish. ${retry}\n`));
  });
  let group = GROUP;
  startGroup(group);
  try {
    dir = archiveDir();
    const limits = { ...uploadLimits({ timeout: opts.timeout, stallTimeout: opts.stallTimeout }, env, isTerminal(2)), deadline: 0 };
    const uploadUrl = resolveUploadUrl(opts.uploadUrl, env);
    const apiUrl = apiUrlFrom(opts.apiUrl, env);
    let re = await detectRunEnvironment(env, opts.cwd);

    const encoding = chooseEncoding(opts.archiveEncoding ?? undefined, folderSize(opts.profileFolder), env.PACER_ARCHIVE_ENCODING);
    const archive = await createProfileArchive(opts.profileFolder, { encoding, dir });
    if (archive.masked) log.info(`Masked ${archive.masked} occurrence${archive.masked > 1 ? "s" : ""} of a secret in the archived files`);
    // The limit covers the network part only: archiving a large folder is local work.
    limits.deadline = Date.now() + limits.totalMs;
    log.debug(`Archive: ${archive.entries} entries, ${archive.size} bytes, encoding ${archive.encoding ?? "none"}, md5 ${archive.md5}`);

    // After the archive, so a short-lived OIDC token is fresh when the upload starts.
    const auth = await resolveUploadAuth({ environment: re, env, token, log, oidcRetry: { ...retryOptions(env, 10, limits, log, "OIDC token request"), timeoutMs: retryTuning(env).timeoutMs ?? 10_000 } });
    if (re.kind === "local" && auth.token) re = await resolveLocalRepository(re, apiUrl, auth.token);
    const indexed = re.runPart ? withRunIndex(re.runPart, re.metadata.repositoryRootPath, (m) => log.warn(m)) : undefined;

    const metadata = buildUploadMetadata({
      environment: re,
      runPart: indexed?.part ?? null,
      tokenless: !auth.token,
      archive,
      executor: opts.executor,
      system: systemInfo(),
      allowEmpty: opts.allowEmpty,
      runner: RUNNER_IDENTITY,
    });
    log.info(`Linked repository: ${re.metadata.owner}/${re.metadata.repository}`);
    if (!auth.token) log.info(`CodSpeed Run Hash: "${runHash(metadata)}"`);

    const hints = { auth: authHint(re.kind), retry };
    const slot = await requestUploadSlot(uploadUrl, JSON.stringify(metadata), auth.token, retryOptions(env, 3, limits, log, "Upload request"), hints);
    const started = Date.now();
    const progress = startProgress(archive.size, (line) => log.info(`Uploading the archive: ${line}`), limits.progressMs);
    await putArchive(slot.uploadUrl, archive, retryOptions(env, 3, limits, log, "Archive upload"), hints.retry, progress);
    // Uploaded: an interrupt while the report is polled has nothing to retry.
    removeDir();
    removeOnExit();
    indexed?.commit();
    log.info(`Performance data uploaded (${archive.size} bytes in ${((Date.now() - started) / 1000).toFixed(1)} s)`);

    const result: UploadResult = { runId: slot.runId, owner: re.metadata.owner, repository: re.metadata.repository };
    if (opts.poll ?? re.kind === "local") {
      // The data is on the server already: a report that cannot be fetched is not an upload failure.
      try {
        const report = await pollRunReport({ apiUrl, token: auth.token, owner: re.metadata.owner, repository: re.metadata.repository, runId: slot.runId });
        endGroup(group);
        group = "Benchmark results";
        startGroup(group);
        for (const line of renderRunReport(report)) log.info(line);
        result.reportUrl = report.url;
        await annotate(env, "notice", "Benchmark report", report.url);
      } catch (err) {
        log.warn(`Cannot show the run report: ${errorMessage(err)}`);
      }
    }
    return result;
  } catch (err) {
    throw withRetryHint(err, retry);
  } finally {
    removeDir();
    removeOnExit();
    endGroup(group);
  }
}
