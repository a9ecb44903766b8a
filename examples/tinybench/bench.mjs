// A tinybench suite using the CodSpeed integration: run it with
//   dist/pacer run --mode walltime --skip-upload -- node examples/tinybench/bench.mjs
import { Bench } from "tinybench";
import { withCodSpeed } from "@codspeed/tinybench-plugin";

const bench = withCodSpeed(new Bench({ name: "demo", time: 100 }));

function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

function sortArray() {
  return Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000).sort((a, b) => a - b);
}

function jsonRoundtrip() {
  return JSON.parse(JSON.stringify({ a: [1, 2, 3], b: "x".repeat(100) }));
}

bench
  .add("fib 15", () => {
    fib(15);
  })
  .add("array sort 1k", () => {
    sortArray();
  })
  .add("json roundtrip", () => {
    jsonRoundtrip();
  });

await bench.run();
