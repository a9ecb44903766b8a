/**
 * The dashboard in headless Chromium (playwright-core driving Debian's chromium) against the
 * compiled `dist/pacer serve`, filled by two real simulation runs uploaded by `dist/pacer exec`
 * under GitHub Actions variables: a push on main looping 2,000 times in `sh`, then a pull request
 * (`changes` → `main`) looping 10,000 times: several times the instructions, a regression on any
 * machine. A third, walltime run under perf has a flame graph of its folded stacks. The project is private: the browser trades `?token=` for the cookie once.
 *
 * Screenshots (PNG) are written only when PACER_SCREENSHOTS=<dir> is set.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { benchRepo, type BenchRepo } from "../helpers/bench-repo.ts";
import { pullRequestEnv, pushEnv } from "../helpers/github-env.ts";
import { runPacer } from "../helpers/pacer.ts";
import { backendMissing, createToken, serverStorage, startServe, waitRunsDone, type Serve, type ServerStorage } from "../helpers/results-server.ts";

const PROJECT = "acme/bench";
const CHROMIUM = Bun.which("chromium") ?? Bun.which("chromium-browser");
const missing = backendMissing("sqlite") ?? (CHROMIUM ? null : "chromium is not installed") ?? (Bun.which("valgrind") ? null : "valgrind is not installed");
const SHOTS = process.env.PACER_SCREENSHOTS;

const loop = (n: number) => ["sh", "-c", `i=0; while [ $i -lt ${n} ]; do i=$((i+1)); done`];

describe.skipIf(!!missing)(`dashboard in Chromium${missing ? ` (skipped: ${missing})` : ""}`, () => {
  let st: ServerStorage;
  let serve: Serve;
  let token: string;
  let repo: BenchRepo;
  let profiles: string;
  let browser: Browser;
  let page: Page;
  const ids: Record<string, string> = {};
  const outputs: string[] = [];

  const shot = async (name: string) => {
    if (!SHOTS) return;
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  };

  beforeAll(async () => {
    profiles = mkdtempSync(join(tmpdir(), "pacer-dash-profiles-"));
    st = await serverStorage("sqlite");
    token = await createToken(st, PROJECT);
    serve = await startServe(st);
    repo = benchRepo();
    const exec = async (name: string, n: number, env: Record<string, string>, mode = "simulation", extra: string[] = []) => {
      const r = await runPacer(
        ["exec", "--mode", mode, ...extra, "--name", "loop", "--profile-folder", join(profiles, name), "--upload-url", serve.uploadUrl, "--api-url", serve.apiUrl, "--token", token, "--", ...loop(n)],
        { binary: true, cwd: repo.dir, env: { ...env, PACER_HISTORY: "0" }, timeoutMs: 200_000 },
      );
      outputs.push(`${name} (${r.code}):\n${r.stdout}${r.stderr}`);
    };
    await exec("push", 2000, pushEnv(repo, repo.commit(12, "suite"), "2001"));
    repo.checkout("changes", true);
    await exec("pr", 10000, pullRequestEnv(repo, repo.commit(22, "slower"), "2002"));
    // A walltime run under perf: its folded stacks are kept at processing time for the flame graph.
    await exec("walltime", 3000, pullRequestEnv(repo, repo.commit(23, "walltime"), "2003"), "walltime", ["--max-time", "1s", "--warmup-time", "0"]);
    const runs = await waitRunsDone(serve, PROJECT, 3, token);
    for (const r of runs) ids[r.mode === "walltime" ? "walltime" : (r.branch ?? "?")] = r.id;
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM!, args: ["--no-sandbox"] });
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await st?.remove();
    repo?.remove();
    if (profiles) rmSync(profiles, { recursive: true, force: true });
  });

  test("the three runs were uploaded and processed", () => {
    expect(Object.keys(ids).sort(), outputs.join("\n")).toEqual(["changes", "main", "walltime"]);
  });

  test("navigation project → run → benchmark → compare, by clicks", async () => {
    const landing = await page.goto(`${serve.url}/?token=${encodeURIComponent(token)}`);
    expect(landing?.status()).toBe(200);
    expect(page.url()).toBe(`${serve.url}/`); // the token left the address
    expect(await page.content()).not.toContain(token);
    const cookie = (await page.context().cookies()).find((c) => c.name === "pacer_token")!;
    expect([cookie.httpOnly, cookie.sameSite]).toEqual([true, "Strict"]);

    await page.getByRole("link", { name: PROJECT }).click();
    await page.waitForURL(`${serve.url}/acme/bench`);
    const regressions = page.locator("ul.regressions li");
    expect(await regressions.count()).toBe(1);
    expect(await regressions.textContent()).toContain("changes");
    await shot("1-project");

    await regressions.getByRole("link").click();
    await page.waitForURL(`${serve.url}/acme/bench/runs/${ids.changes}`);
    const row = page.locator("table.comparison tr.regression");
    expect(await row.count()).toBe(1);
    expect(await row.locator("td").first().textContent()).toBe("loop");
    expect(await page.locator(".base-choice .verdict-fail").textContent()).toBe("fail");
    expect(await page.locator(".base-choice").textContent()).toContain(`Base: ${ids.main} on branch main`);
    await shot("2-run");

    await row.getByRole("link", { name: "loop" }).click();
    await page.waitForURL(/\/acme\/bench\/benchmarks\//);
    expect(await page.locator("h1").textContent()).toBe("loop");
    await shot("3-benchmark");

    await page.getByRole("link", { name: `compare with ${ids.main}` }).click();
    await page.waitForURL(`${serve.url}/acme/bench/compare?base=${ids.main}&head=${ids.changes}`);
    expect(await page.locator("table.comparison tr.regression").count()).toBe(1);
    expect(await page.locator("main").textContent()).toContain(`against base ${ids.main} (main)`);
    await shot("4-compare");
  }, 60_000);

  test("the run page's flame graph is drawn and a click on a frame zooms into it", async () => {
    await page.goto(`${serve.url}/acme/bench/runs/${ids.changes}`);
    const svg = page.locator("svg.flamegraph").first();
    await svg.waitFor();
    await page.locator('svg.flamegraph[data-ready="true"]').first().waitFor();
    const frames = svg.locator("g.frame");
    expect(await frames.count()).toBeGreaterThan(3);
    // The widest frame that is not the root: zooming makes it fill the width.
    const widths = await frames.evaluateAll((gs) => gs.map((g) => Number(g.getAttribute("data-w"))));
    const full = Math.max(...widths);
    const pick = widths.map((w, i) => ({ w, i })).filter((x) => x.w < full * 0.9 && x.w > 10).sort((a, b) => b.w - a.w)[0]!;
    const target = frames.nth(pick.i);
    const before = (await target.locator("rect").boundingBox())!.width;
    await target.locator("rect").click({ force: true });
    const after = (await target.locator("rect").boundingBox())!.width;
    expect(after).toBeGreaterThan(before * 1.1);
    await shot("5-flame-zoomed");
  }, 60_000);

  test.skipIf(!Bun.which("perf"))("a walltime run under perf has a flame graph of its kept folded stacks", async () => {
    await page.goto(`${serve.url}/acme/bench/runs/${ids.walltime}`);
    const frames = page.locator("svg.flamegraph g.frame");
    expect(await frames.count()).toBeGreaterThan(3);
    expect(await page.locator("svg.flamegraph").first().textContent()).toContain("samples");
    await shot("6-walltime-flame");
  }, 60_000);

  test("the history chart has one point per run, each a link to its run", async () => {
    // exec names its benchmark's uri after the harness: `exec_harness::<name>`.
    await page.goto(`${serve.url}/acme/bench/benchmarks/${encodeURIComponent("exec_harness::loop")}`);
    const hrefs = await page.locator("svg.history").first().locator("a.point").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(hrefs).toEqual([`/acme/bench/runs/${ids.main}`, `/acme/bench/runs/${ids.changes}`]);
    expect(await page.locator("svg.history").count()).toBe(2); // the walltime run's median_ns is a chart of its own
    await page.locator("svg.history").first().locator("a.point").first().click();
    await page.waitForURL(`${serve.url}/acme/bench/runs/${ids.main}`);
  }, 60_000);

  test("keyboard: the first Tab reaches the skip link, Enter moves focus to the content; links are reachable by Tab", async () => {
    await page.goto(`${serve.url}/acme/bench`);
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement && document.activeElement.textContent")).toBe("Skip to content");
    await page.keyboard.press("Enter");
    expect(await page.evaluate("document.activeElement && document.activeElement.id")).toBe("main");
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement && document.activeElement.tagName")).toBe("A");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/acme\/bench\/runs\//);
    // Laptop screen: nothing wider than the 1366 px viewport.
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(1366);
  }, 60_000);

  test("an unknown project, run or benchmark is a 404 page; the API paths are not shadowed", async () => {
    for (const path of ["/nobody/nothing", `/acme/bench/runs/nope`, "/acme/bench/benchmarks/nope", "/acme/bench/compare?base=x&head=y"]) {
      const r = await page.goto(`${serve.url}${path}`);
      expect(r?.status(), path).toBe(404);
      expect(await page.locator("h1").textContent()).toBe("Not found");
    }
    const health = await fetch(`${serve.url}/api/v1/health`);
    expect(((await health.json()) as { status: string }).status).toBe("ok");
    const anon = await fetch(`${serve.url}/acme/bench`);
    expect(anon.status).toBe(401);
  }, 60_000);
});
