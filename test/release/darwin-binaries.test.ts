/**
 * scripts/release.ts for real: linux-x64, linux-arm64, darwin-x64 and darwin-arm64 with their
 * SHA256SUMS and version.txt. The macOS binaries cannot run here: they are checked by format
 * (Mach-O 64 magic, CPU type, a code signature load command) and by the assets embedded in them.
 * Slow (four `bun build --compile`): one test. Bun fetches the darwin runtimes from the npm
 * registry (@oven/bun-darwin-*) on first use; without it the test is skipped, saying so.
 */
import { afterAll, expect, test } from "bun:test";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../helpers/pacer.ts";

const work = mkdtempSync(join(tmpdir(), "pacer-release-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Whether Bun can compile for darwin here (fetching or reusing its runtime), and why not. */
function darwinRuntime(): string | undefined {
  writeFileSync(join(work, "hi.ts"), "console.log(1)\n");
  for (const t of ["bun-darwin-x64", "bun-darwin-arm64"]) {
    const r = Bun.spawnSync([process.execPath, "build", "--compile", `--target=${t}`, join(work, "hi.ts"), "--outfile", join(work, `hi-${t}`)], { stderr: "pipe", timeout: 300_000 });
    if (r.exitCode !== 0) return `${t}: ${r.stderr.toString().trim().split("\n").pop()}`;
  }
  return undefined;
}
const noDarwin = darwinRuntime();
if (noDarwin) console.warn(`skipping the release test: Bun cannot fetch the darwin runtime (${noDarwin})`);

const MH_MAGIC_64 = 0xfeedfacf;
const CPU = { x64: 0x01000007, arm64: 0x0100000c } as const;
const LC_CODE_SIGNATURE = 0x1d;

function machO(bytes: Buffer): { magic: number; cpu: number; commands: number[] } {
  const magic = bytes.readUInt32LE(0);
  const cpu = bytes.readUInt32LE(4);
  const ncmds = bytes.readUInt32LE(16);
  const commands: number[] = [];
  for (let i = 0, off = 32; i < ncmds; i++) {
    commands.push(bytes.readUInt32LE(off));
    off += bytes.readUInt32LE(off + 4);
  }
  return { magic, cpu, commands };
}

test.skipIf(noDarwin !== undefined)("the release folder holds linux and darwin binaries for x64 and arm64, checksummed", () => {
  const out = join(work, "release");
  const r = Bun.spawnSync([process.execPath, join(ROOT, "scripts/release.ts"), "--out", out, "--arm64-zstd", "bun", "--action-dir", join(work, "action")], {
    cwd: ROOT,
    stdout: "pipe",
    stderr: "pipe",
  });
  expect(r.exitCode, r.stderr.toString()).toBe(0);
  const sums: Record<string, string> = Object.fromEntries(
    readFileSync(join(out, "SHA256SUMS"), "utf8").trim().split("\n").map((l) => l.split(/\s+/).reverse() as [string, string]),
  );
  const binaries = ["pacer-linux-x64", "pacer-linux-arm64", "pacer-darwin-x64", "pacer-darwin-arm64"];
  expect(Object.keys(sums)).toEqual(expect.arrayContaining([...binaries, "install.sh", "version.txt", "pacer-plugin.d.ts"]));
  for (const name of Object.keys(sums)) expect(createHash("sha256").update(readFileSync(join(out, name))).digest("hex"), name).toBe(sums[name]!);
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
  expect(readFileSync(join(out, "version.txt"), "utf8")).toBe(`${pkg.version}\n`);

  for (const arch of ["x64", "arm64"] as const) {
    const elf = readFileSync(join(out, `pacer-linux-${arch}`));
    expect(elf.subarray(0, 4).toString("latin1")).toBe("\x7fELF");
    expect(elf.readUInt16LE(18)).toBe(arch === "x64" ? 62 : 183);

    const bin = readFileSync(join(out, `pacer-darwin-${arch}`));
    const m = machO(bin);
    expect(m.magic).toBe(MH_MAGIC_64); // bytes cf fa ed fe
    expect(m.cpu).toBe(CPU[arch]);
    expect(m.commands).toContain(LC_CODE_SIGNATURE);
    const text = bin.toString("latin1");
    // Embedded assets: the Linux libraries (never loaded on macOS), the plugin types, the server's migrations.
    for (const asset of ["libpacer-memtrack", "libpacer-exec-window", "pacer-plugin.d.ts", "001-initial"]) {
      expect(text.includes(`$bunfs/root/${asset}`), `${asset} in pacer-darwin-${arch}`).toBe(true);
    }
    // The platform guards were compiled in with process.platform = "darwin".
    expect(text).toContain("macOS has no perf");
    expect(text).toContain("needs Linux (this is");
  }
  // The action pins only what it can install on its Linux runners.
  const pinned = readFileSync(join(work, "action", "checksums.txt"), "utf8");
  expect(pinned).toContain(`${pkg.version} pacer-linux-x64 ${sums["pacer-linux-x64"]}`);
  expect(pinned).not.toContain("pacer-darwin");
}, 900_000);
