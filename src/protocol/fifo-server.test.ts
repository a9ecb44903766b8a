import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { chownSync, existsSync, lstatSync, readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import type { PacerError } from "../errors.ts";
import type { BenchmarkEvent } from "../plugin/types.ts";
import { captureLogger } from "../../test/fixtures/protocol/capture-logger.ts";
import { fifoDir, rawPeer } from "../../test/fixtures/protocol/raw-fifo.ts";
import { encodeFrame } from "./bincode.ts";
import type { FifoCommand } from "./commands.ts";
import { connectFifoClient } from "./fifo-client.ts";
import { startFifoServer, type FifoServerOptions } from "./fifo-server.ts";
import { monotonicNs } from "./monotonic-clock.ts";

let paths: ReturnType<typeof fifoDir>;
beforeEach(() => {
  paths = fifoDir();
});
afterEach(() => paths.cleanup());

const start = (o: Partial<FifoServerOptions> = {}) =>
  startFifoServer({ ctlPath: paths.ctlPath, ackPath: paths.ackPath, mode: "perf", log: captureLogger(), ...o });
const frames = (...cmds: FifoCommand[]) => Uint8Array.from(cmds.flatMap((c) => [...encodeFrame(c)]));
const ACK: FifoCommand = { kind: "Ack" };

describe("startFifoServer", () => {
  test("creates both FIFOs with mode 0700 and a lock holding our pid; close removes all three", async () => {
    const server = await start();
    for (const p of [paths.ctlPath, paths.ackPath]) {
      const st = lstatSync(p);
      expect(st.isFIFO()).toBe(true);
      expect(st.mode & 0o777).toBe(0o700);
    }
    expect(readFileSync(`${paths.ctlPath}.lock`, "utf8").trim()).toBe(String(process.pid));
    await server.close();
    expect([paths.ctlPath, paths.ackPath, `${paths.ctlPath}.lock`].map(existsSync)).toEqual([false, false, false]);
    await server.close(); // idempotent
  });

  test("removeSync removes the FIFOs and the lock at once and is idempotent", async () => {
    const server = await start();
    server.removeSync();
    server.removeSync();
    expect([paths.ctlPath, paths.ackPath, `${paths.ctlPath}.lock`].map(existsSync)).toEqual([false, false, false]);
    await server.close();
  });

  test("serves the client handshake and a tinybench-order benchmark, recording what it reported", async () => {
    const events: BenchmarkEvent[] = [];
    const server = await start({ onEvent: (e) => void events.push(e) });
    const client = await connectFifoClient({ ctlPath: paths.ctlPath, ackPath: paths.ackPath });
    expect(client?.integrationMode()).toBe("perf");
    await client!.setIntegration("codspeed-node", "5.7.1");
    await client!.startBenchmark();
    await client!.stopBenchmark();
    await client!.executed(process.pid, "bench.mjs::fib");
    const t0 = monotonicNs();
    await client!.addMarker(process.pid, "BenchmarkStart", t0);
    await client!.addMarker(process.pid, "BenchmarkEnd", t0 + 10n);
    client!.close();
    await server.close();
    expect(server.integration()).toEqual({ name: "codspeed-node", version: "5.7.1" });
    expect(server.benchmarkPids()).toEqual([process.pid]);
    const ts = server.timestamps();
    expect(ts.markers.map((m) => m.type)).toEqual(["SampleStart", "SampleEnd", "BenchmarkStart", "BenchmarkEnd"]);
    expect(ts.uriByTs.map(([, u]) => u)).toEqual(["bench.mjs::fib"]);
    // Receipt times are on the client's clock: between the window end and our next marker.
    expect(ts.uriByTs[0]![0]).toBeGreaterThan(ts.markers[1]!.timestampNs);
    expect(ts.uriByTs[0]![0]).toBeLessThan(t0);
    expect(events.map((e) => e.type)).toEqual(["integration", "start", "stop", "executed", "marker", "marker"]);
    const stats = server.stats();
    expect(stats.frames).toBe(8);
    expect(stats.maxReplyMs).toBeLessThan(250);
  });

  test("decodes a length prefix and payload written apart, a frame split mid-payload, and many frames at once", async () => {
    const server = await start();
    const peer = rawPeer(paths.ctlPath, paths.ackPath);
    const set = encodeFrame({ kind: "SetIntegration", name: "codspeed-node", version: "5.7.1" });
    peer.write(set.subarray(0, 4));
    await Bun.sleep(30);
    peer.write(set.subarray(4));
    expect(await peer.replies(1)).toEqual([ACK]);
    const cur = encodeFrame({ kind: "CurrentBenchmark", pid: 7, uri: "x::y" });
    peer.write(cur.subarray(0, 11));
    await Bun.sleep(30);
    peer.write(cur.subarray(11));
    expect(await peer.replies(1)).toEqual([ACK]);
    peer.write(frames({ kind: "GetIntegrationMode" }, { kind: "StartBenchmark" }, { kind: "StopBenchmark" }, { kind: "PingPerf" }));
    expect(await peer.replies(4)).toEqual([{ kind: "IntegrationModeResponse", mode: "perf" }, ACK, ACK, ACK]);
    peer.close();
    await server.close();
    expect(server.integration()?.name).toBe("codspeed-node");
    expect(server.timestamps().uriByTs.map(([, u]) => u)).toEqual(["x::y"]);
  });

  test("serves several processes writing at the same time and answers each command once", async () => {
    const server = await start({ mode: "analysis" });
    const collector = rawPeer(paths.ctlPath, paths.ackPath);
    const perProcess = 50;
    // Each writer sends whole frames (one write each, atomic on a pipe) without reading replies;
    // the collector reads them all, since replies are matched by order only.
    const script = `
      const { openSync, writeSync, constants } = require("node:fs");
      const { encodeFrame } = require(${JSON.stringify(new URL("./bincode.ts", import.meta.url).pathname)});
      const fd = openSync(process.argv[1], constants.O_WRONLY);
      for (let i = 0; i < ${perProcess}; i++)
        writeSync(fd, encodeFrame({ kind: "CurrentBenchmark", pid: process.pid, uri: "p" + process.pid + "::" + i }));`;
    const procs = Array.from({ length: 4 }, () => Bun.spawn([process.execPath, "-e", script, paths.ctlPath], { stderr: "pipe" }));
    const codes = await Promise.all(procs.map((p) => p.exited));
    expect(codes).toEqual([0, 0, 0, 0]);
    const replies = await collector.replies(4 * perProcess, 5000);
    expect(replies.every((r) => r.kind === "Ack")).toBe(true);
    collector.close();
    await server.close();
    expect(server.benchmarkPids().sort()).toEqual(procs.map((p) => p.pid).sort());
    const uris = server.timestamps().uriByTs.map(([, u]) => u);
    expect(uris).toHaveLength(4 * perProcess);
    for (const p of procs) {
      // Each process's own commands stay in order.
      expect(uris.filter((u) => u.startsWith(`p${p.pid}::`))).toEqual(Array.from({ length: perProcess }, (_, i) => `p${p.pid}::${i}`));
    }
    expect(server.stats().frames).toBe(4 * perProcess);
  });

  test("close() answers and records commands still unread in the pipe", async () => {
    const server = await start();
    const peer = rawPeer(paths.ctlPath, paths.ackPath);
    peer.write(frames({ kind: "StartBenchmark" }, { kind: "StopBenchmark" }, { kind: "CurrentBenchmark", pid: 9, uri: "late" }));
    await server.close(); // no await between the write and close: the reader has not run yet
    expect(server.timestamps().uriByTs.map(([, u]) => u)).toEqual(["late"]);
    expect(await peer.replies(3)).toEqual([ACK, ACK, ACK]);
    peer.close();
  });

  test("SetVersion(3) is answered with Err and reported through onFatal", async () => {
    const fatals: PacerError[] = [];
    const server = await start({ onFatal: (e) => void fatals.push(e) });
    const peer = rawPeer(paths.ctlPath, paths.ackPath);
    peer.write(frames({ kind: "SetVersion", version: 3n }));
    expect(await peer.replies(1)).toEqual([{ kind: "Err" }]);
    expect(fatals.map((e) => e.code)).toEqual(["E_PROTOCOL"]);
    expect(fatals[0]!.message).toContain("version 3");
    peer.close();
    await server.close();
  });

  test("an undecodable payload gets Err and the stream goes on; an absurd length is fatal", async () => {
    const fatals: PacerError[] = [];
    const log = captureLogger();
    const server = await start({ log, onFatal: (e) => void fatals.push(e) });
    const peer = rawPeer(paths.ctlPath, paths.ackPath);
    peer.write(Uint8Array.of(4, 0, 0, 0, 99, 0, 0, 0));
    peer.write(frames({ kind: "GetIntegrationMode" }));
    expect(await peer.replies(2)).toEqual([{ kind: "Err" }, { kind: "IntegrationModeResponse", mode: "perf" }]);
    expect(log.at("warn")[0]).toStartWith("Failed to parse FIFO command: Cannot decode FIFO command: unknown command variant 99");
    peer.write(Uint8Array.of(0xff, 0xff, 0xff, 0x7f, 1, 2, 3));
    await Bun.sleep(50);
    expect(fatals.map((e) => e.message)).toEqual([expect.stringContaining("the stream is out of sync")]);
    peer.close();
    await server.close();
  });

  test("the reply to Start waits for onEvent", async () => {
    let eventDone = 0;
    const server = await start({
      onEvent: async (e) => {
        if (e.type !== "start") return;
        await Bun.sleep(100);
        eventDone = performance.now();
      },
    });
    const client = (await connectFifoClient({ ctlPath: paths.ctlPath, ackPath: paths.ackPath }))!;
    await client.startBenchmark();
    expect(eventDone).toBeGreaterThan(0);
    expect(performance.now()).toBeGreaterThanOrEqual(eventDone);
    expect(server.stats().maxReplyMs).toBeGreaterThanOrEqual(99);
    client.close();
    await server.close();
  });
});

describe("startFifoServer path safety", () => {
  test("replaces a stale FIFO of ours left by a dead run, dropping what was in it", async () => {
    execFileSync("mkfifo", ["-m", "0600", paths.ctlPath]);
    const stale = rawPeer(paths.ctlPath, paths.ctlPath); // keeps the old pipe alive, with a frame in it
    stale.write(frames({ kind: "StartBenchmark" }));
    const server = await start();
    expect(lstatSync(paths.ctlPath).mode & 0o777).toBe(0o700);
    await Bun.sleep(30);
    await server.close();
    expect(server.stats().frames).toBe(0);
    stale.close();
  });

  test("refuses a path that exists and is not a FIFO, and releases the lock", async () => {
    writeFileSync(paths.ackPath, "precious");
    await expect(start()).rejects.toThrow(`Cannot create the runner FIFO "${paths.ackPath}": the path exists and is not a FIFO`);
    expect(readFileSync(paths.ackPath, "utf8")).toBe("precious");
    expect(existsSync(paths.ctlPath)).toBe(false);
    expect(existsSync(`${paths.ctlPath}.lock`)).toBe(false);
  });

  test.skipIf(process.getuid?.() !== 0)("refuses a FIFO owned by another user (needs root to chown)", async () => {
    execFileSync("mkfifo", ["-m", "0700", paths.ctlPath]);
    chownSync(paths.ctlPath, 65534, 65534);
    await expect(start()).rejects.toThrow(/belongs to uid 65534, not to uid 0/);
    expect(lstatSync(paths.ctlPath).uid).toBe(65534);
  });

  test("a second server waits for a live holder of the lock, then fails naming its pid", async () => {
    const holder = Bun.spawn(["sleep", "10"]);
    try {
      writeFileSync(`${paths.ctlPath}.lock`, `${holder.pid}\n`);
      const t0 = performance.now();
      await expect(start({ lockTimeoutMs: 300 })).rejects.toThrow(`another pacer (pid ${holder.pid}) holds`);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
      expect(existsSync(paths.ctlPath)).toBe(false); // the FIFOs are not touched without the lock
    } finally {
      holder.kill();
    }
  });

  test("a server waiting for the lock takes it once the holder dies", async () => {
    const holder = Bun.spawn(["sleep", "10"]);
    writeFileSync(`${paths.ctlPath}.lock`, `${holder.pid}\n`);
    setTimeout(() => holder.kill(), 300);
    const log = captureLogger();
    const t0 = performance.now();
    const server = await start({ log, lockTimeoutMs: 5000 });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(250);
    expect(readFileSync(`${paths.ctlPath}.lock`, "utf8").trim()).toBe(String(process.pid));
    expect(log.at("info")).toEqual([`Waiting for pacer pid ${holder.pid} to release "${paths.ctlPath}.lock"`]);
    expect(log.at("warn")).toEqual([`Removing stale lock "${paths.ctlPath}.lock" of pid ${holder.pid}, which is no longer running`]);
    await server.close();
  });
});

describe("startFifoServer under a flood", () => {
  test("a client writing without waiting meets a full pipe: pacer's queue stays bounded", async () => {
    // Each answer takes 20 ms: a flood outruns it, and reading must pause instead of queueing all.
    const server = await start({ onEvent: () => Bun.sleep(20) });
    const peer = rawPeer(paths.ctlPath, paths.ackPath);
    const frame = frames({ kind: "SetIntegration", name: "flood", version: "1" });
    let accepted = 0;
    const until = performance.now() + 800;
    while (performance.now() < until) {
      try {
        peer.write(frame);
        accepted += frame.length;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EAGAIN") throw err;
        await Bun.sleep(1);
      }
    }
    // Without backpressure the server reads megabytes into memory in 800 ms; with it, the pipe
    // (64 KiB) plus ~1024 queued frames.
    expect(accepted).toBeLessThan(512 * 1024);
    server.detachHooks();
    const closing = performance.now();
    await server.close();
    expect(performance.now() - closing).toBeLessThan(5000);
    peer.close();
  });
});

