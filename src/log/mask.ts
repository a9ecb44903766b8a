/**
 * Secret masking: every value registered here is replaced by `***` in console lines, `runner.log`
 * and anything else that goes through {@link maskSecrets}.
 *
 * @module
 */
const secrets = new Set<string>();

/** Registers a secret (a token); values shorter than 6 characters are ignored to avoid noise. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 6) secrets.add(value);
}

/** The registered secrets, for maskers that work on bytes rather than text (console stream, upload archive). */
export function registeredSecrets(): string[] {
  return [...secrets];
}

export function maskSecrets(text: string): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join("***");
  return out;
}
