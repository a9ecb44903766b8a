/**
 * Provider-native annotations: a GitHub workflow command, a Buildkite annotation (through
 * `buildkite-agent` when the agent is there), a plain log line elsewhere. Log groups live in the
 * logger (`startGroup`/`endGroup`), which already speaks each provider's syntax.
 *
 * @module
 */
import { createLogger } from "../log/logger.ts";
import { maskSecrets } from "../log/mask.ts";
import { execCapture, which } from "../system/subprocess.ts";
import { stderr } from "../log/console-out.ts";

export type AnnotationLevel = "notice" | "warning" | "error";

// GitHub workflow-command escaping: property values and data have their own rules.
const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** The GitHub Actions workflow command for an annotation. */
export function githubAnnotation(level: AnnotationLevel, title: string, message: string): string {
  return `::${level} title=${escapeProperty(title)}::${escapeData(message)}`;
}

const BUILDKITE_STYLE: Record<AnnotationLevel, string> = { notice: "info", warning: "warning", error: "error" };

/** Shows `message` as an annotation of the CI run (masked). */
export async function annotate(
  env: NodeJS.ProcessEnv,
  level: AnnotationLevel,
  title: string,
  message: string,
  write: (line: string) => void = (l) => stderr.write(`${l}\n`),
): Promise<void> {
  const text = maskSecrets(message);
  if (env.GITHUB_ACTIONS === "true") return write(githubAnnotation(level, title, text));
  if (env.BUILDKITE === "true" && which("buildkite-agent")) {
    const res = await execCapture(
      ["buildkite-agent", "annotate", "--style", BUILDKITE_STYLE[level], "--context", "pacer", `**${title}**: ${text}`],
      { timeoutMs: 10_000 },
    );
    if (res.code === 0) return;
  }
  const log = createLogger();
  (level === "error" ? log.error : level === "warning" ? log.warn : log.info)(`${title}: ${text}`);
}
