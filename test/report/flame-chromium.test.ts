/**
 * The flame graphs of `pacer report` in real headless Chromium (playwright-core driving Debian's
 * chromium), on reports of real runs: a tinybench walltime run under perf, and two simulation runs
 * (valgrind) of a commit and a slower one, reported as a differential. Uses the machine-wide runner
 * FIFOs: run it under `flock /tmp/pacer-tests.lock`. Set PACER_SCREENSHOTS=<dir> to keep screenshots.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

setDefaultTimeout(600_000);
const ROOT = join(import.meta.dir, "../..");
const PACER = join(ROOT, "dist/pacer");
const browserPath = Bun.which("chromium") ?? Bun.which("chromium-browser");
const ready = !!browserPath && !!Bun.which("perf") && !!Bun.which("valgrind") && existsSync(PACER);
const shots = process.env.PACER_SCREENSHOTS;
const repo = mkdtempSync(join(tmpdir(), "pacer-flame-chromium-"));
let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
  rmSync(repo, { recursive: true, force: true });
});

const BENCH = (n: number) => `import { Bench } from "tinybench";
import { withCodSpeed } from "@codspeed/tinybench-plugin";
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
function sum(n) { let s = 0; for (let i = 0; i < n; i++) s += i; return s; }
const bench = withCodSpeed(new Bench({ iterations: 5, time: 0 }));
bench.add("fib", () => fib(${n})).add("sum", () => sum(2000));
await bench.run();
`;

function sh(args: string[]): string {
  const r = Bun.spawnSync(args, {
    cwd: repo,
    env: { ...process.env, GITHUB_ACTIONS: "", GITHUB_STEP_SUMMARY: "", GITHUB_BASE_REF: "", GITHUB_HEAD_REF: "", CI: "" },
    stdout: "pipe",
    stderr: "pipe",
    timeout: 300_000,
  });
  const out = r.stdout.toString() + r.stderr.toString();
  if (r.exitCode !== 0) throw new Error(`${args.join(" ")} exited with ${r.exitCode}: ${out.slice(-3000)}`);
  return out;
}
const git = (...a: string[]) => sh(["git", "-c", "user.email=t@t", "-c", "user.name=t", ...a]);
const pacer = (...a: string[]) => sh([PACER, ...a]);

/** The little of the DOM the page functions use (the tests' tsconfig has no DOM lib). */
interface El {
  dataset: Record<string, string | undefined>;
  classList: { contains(c: string): boolean };
  textContent: string | null;
  getAttribute(n: string): string | null;
  querySelector(s: string): El | null;
  querySelectorAll(s: string): ArrayLike<El>;
  getBoundingClientRect(): { width: number };
}
interface PageWindow {
  document: { querySelectorAll(s: string): ArrayLike<El> };
  getComputedStyle(e: El): { display: string };
}

/** Frames of the shown view of the `k`th flame graph, as the browser lays them out. */
async function frames(page: Page, k: number) {
  return page.evaluate((k) => {
    const w = globalThis as unknown as PageWindow;
    const style = (e: El) => w.getComputedStyle(e);
    const svg = Array.from(w.document.querySelectorAll("svg.flamegraph"))[k]!;
    const view = Array.from(svg.querySelectorAll("g.flame-view")).find((v) => style(v).display !== "none")!;
    return Array.from(view.querySelectorAll("g.frame")).map((g) => {
      const r = g.querySelector("rect")!;
      const t = g.querySelector("text");
      const shown = style(g).display !== "none";
      return {
        i: g.dataset.i!,
        p: g.dataset.p!,
        d: Number(g.dataset.d),
        name: g.dataset.name!,
        shown,
        harness: g.classList.contains("harness"),
        ancestor: g.classList.contains("ancestor"),
        match: g.classList.contains("match"),
        title: g.querySelector("title")!.textContent!,
        fill: r.getAttribute("fill")!,
        width: Number(r.getAttribute("width")),
        rectPx: shown ? r.getBoundingClientRect().width : 0,
        label: t && shown && style(t).display !== "none" ? t.textContent! : "",
        labelPx: t && shown && style(t).display !== "none" ? t.getBoundingClientRect().width : 0,
      };
    });
  }, k);
}

async function shot(page: Page, name: string): Promise<void> {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

describe.skipIf(!ready)("flame graphs in Chromium (needs chromium, perf, valgrind, dist/pacer)", () => {
  let walltime = "";
  let simulation = "";
  beforeAll(async () => {
    symlinkSync(join(ROOT, "node_modules"), join(repo, "node_modules"));
    writeFileSync(join(repo, ".gitignore"), "node_modules\n.pacer\n*.html\n*.md\n");
    writeFileSync(join(repo, "bench.mjs"), BENCH(12));
    // The walltime run uses the example suite: time-based, so perf takes enough samples.
    writeFileSync(join(repo, "wall.mjs"), readFileSync(join(ROOT, "examples/tinybench/bench.mjs")));
    git("init", "-q", "-b", "main");
    git("add", ".");
    git("commit", "-q", "-m", "A");
    pacer("run", "--mode", "walltime", "--skip-upload", "--", "node", "wall.mjs");
    pacer("report", "-o", "walltime.html");
    walltime = join(repo, "walltime.html");
    pacer("run", "--mode", "simulation", "--skip-upload", "--", "node", "bench.mjs");
    git("checkout", "-q", "-b", "slower");
    writeFileSync(join(repo, "bench.mjs"), BENCH(16));
    git("commit", "-q", "-am", "B: slower fib");
    pacer("run", "--mode", "simulation", "--skip-upload", "--", "node", "bench.mjs");
    pacer("report", "--base", "main", "-o", "simulation.html");
    simulation = join(repo, "simulation.html");
    browser = await chromium.launch({ executablePath: browserPath!, args: ["--no-sandbox"] });
  });

  async function open(file: string): Promise<Page> {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`file://${file}`);
    await page.waitForSelector("svg.flamegraph[data-ready=true]", { state: "attached" });
    return page;
  }

  test("walltime: harness frames are folded into one bar by default, the toggle shows them", async () => {
    const page = await open(walltime);
    const before = await frames(page, 0);
    const bar = before.find((f) => f.harness && f.shown)!;
    expect(bar.name).toMatch(/^\d+ harness frames?$/);
    expect(bar.title).toContain("harness frame");
    expect(bar.title).toMatch(/: .*node/); // hover lists what it hides
    expect(before.some((f) => f.shown && f.name === "node")).toBe(false);
    expect(before.some((f) => f.shown && f.d === 2 && f.name.includes("wall.mjs"))).toBe(true);
    const tools = page.locator(".flame-tools").first();
    await tools.locator("button.flame-toggle").click();
    const after = await frames(page, 0);
    expect(after.some((f) => f.shown && f.name === "node" && f.d === 1)).toBe(true);
    expect(after.some((f) => f.harness)).toBe(false);
    expect(await tools.locator("button.flame-toggle").textContent()).toBe("Fold harness frames");
    await page.close();
  });

  test("simulation: clicking a frame zooms it to the full width with readable labels; search reports matches and their share", async () => {
    const page = await open(simulation);
    const svgPx = await page.locator("svg.flamegraph").first().evaluate((s) => s.getBoundingClientRect().width);
    const before = await frames(page, 0);
    // A frame below the folded bar with a child too narrow for a label now, wide enough once zoomed.
    const target = before
      .filter((f) => f.shown && f.d >= 2 && f.width < 600)
      .find((f) => before.some((c) => c.p === f.i && !c.label && (c.width * 1180) / f.width > 120))!;
    expect(target).toBeDefined();
    await page.locator(`svg.flamegraph >> nth=0`).locator(`g.frame[data-i="${target.i}"]:visible`).first().click();
    const after = await frames(page, 0);
    const z = after.find((f) => f.i === target.i && f.shown)!;
    expect(z.width).toBeCloseTo(1180, 0);
    expect(z.rectPx).toBeGreaterThan(svgPx * 0.95);
    const ancestors = after.filter((f) => f.shown && f.d < z.d);
    expect(ancestors.length).toBe(z.d);
    for (const a of ancestors) expect(a.ancestor && a.width === 1180).toBe(true);
    const children = after.filter((f) => f.shown && f.d > z.d);
    expect(children.length).toBeGreaterThan(0);
    const labelled = children.filter((f) => f.label);
    expect(labelled.length).toBeGreaterThan(0);
    // Labels that had no room before the zoom now show, and none overflows its frame.
    expect(labelled.some((f) => !before.find((b) => b.i === f.i)!.label)).toBe(true);
    for (const f of after.filter((f) => f.label)) expect(f.labelPx).toBeLessThanOrEqual(f.rectPx + 0.5);
    await page.locator(".flame-search").first().fill("fib");
    await page.keyboard.press("Enter");
    const searched = await frames(page, 0);
    const n = searched.filter((f) => f.match).length;
    expect(n).toBeGreaterThan(0);
    const status = await page.locator(".flame-status").first().textContent();
    expect(status).toMatch(new RegExp(`^${n} match(es)?, [\\d.]+% of total$`));
    expect(Number(/([\d.]+)%/.exec(status!)![1])).toBeGreaterThan(1);
    await page.locator(".flame-search").first().fill("/^Function:fib /");
    const byRegex = (await frames(page, 0)).filter((f) => f.match);
    expect(byRegex.length).toBeGreaterThan(0);
    expect(byRegex.every((f) => f.name.startsWith("Function:fib "))).toBe(true);
    // Nested matches (fib calling fib) count once: the share stays within the whole.
    const share = Number(/([\d.]+)%/.exec((await page.locator(".flame-status").first().textContent())!)![1]);
    expect(share).toBeGreaterThan(1);
    expect(share).toBeLessThanOrEqual(100);
    await page.locator(".flame-search").first().fill("fib");
    // Each graph of the page has its own state: the second one is neither searched nor zoomed.
    expect((await frames(page, 1)).some((f) => f.match || f.ancestor)).toBe(false);
    await shot(page, "simulation-zoomed-searched");
    await page.locator(".flame-search").first().press("Escape");
    expect((await frames(page, 0)).some((f) => f.match)).toBe(false);
    await page.locator(`svg.flamegraph >> nth=0`).locator("g.frame").first().focus();
    await page.keyboard.press("Escape");
    expect((await frames(page, 0)).filter((f) => f.shown).length).toBe(before.filter((f) => f.shown).length);
    // Keyboard: a focused frame zooms on Enter.
    const second = (await frames(page, 1)).find((f) => f.shown && f.d === 2 && f.width < 1000)!;
    await page.locator("svg.flamegraph >> nth=1").locator(`g.frame[data-i="${second.i}"]:visible`).first().focus();
    await page.keyboard.press("Enter");
    expect((await frames(page, 1)).find((f) => f.i === second.i && f.shown)!.width).toBeCloseTo(1180, 0);
    await page.close();
  });

  test("simulation: tooltips and labels count whole instructions", async () => {
    const page = await open(simulation);
    const all = (await Promise.all([0, 1].map((k) => frames(page, k)))).flat();
    expect(all.length).toBeGreaterThan(20);
    for (const f of all) expect(f.title).toMatch(/^.+ — [\d,]+ instructions \([\d.]+% of total, [\d.]+% of parent\)/);
    expect(all.some((f) => /\d\.\d+ instructions/.test(f.title))).toBe(false);
    await page.close();
  });

  test("differential: a frame whose cost grew is red, its tooltip shows base → head", async () => {
    const page = await open(simulation);
    const html = await page.content();
    expect(html).toContain("Differential flame graph");
    const fib = (await frames(page, 0)).filter((f) => f.shown && f.name.startsWith("Function:fib ") && f.d === 2)[0]!;
    expect(fib).toBeDefined();
    const m = /base → head: ([\d,]+) → ([\d,]+) instructions \(\+([\d.]+)%\)/.exec(fib.title)!;
    expect(m).not.toBeNull();
    expect(Number(m[2]!.replaceAll(",", ""))).toBeGreaterThan(Number(m[1]!.replaceAll(",", "")));
    expect(fib.fill).toMatch(/^hsl\(0, /);
    await shot(page, "simulation-differential");
    await page.close();
  });
});
