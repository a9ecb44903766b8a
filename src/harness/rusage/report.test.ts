import { expect, test } from "bun:test";
import { PacerError } from "../../errors.ts";
import { parseHelperReport } from "./report.ts";

test("parseHelperReport converts the helper's kB to bytes and keeps the rest", () => {
  expect(parseHelperReport('{"exitCode":0,"signal":0,"userCpuUs":1,"systemCpuUs":2,"maxRssKb":1572}\n')).toEqual({
    exitCode: 0, signal: 0, userCpuUs: 1, systemCpuUs: 2, maxRssBytes: 1572 * 1024,
  });
});

test.each(["", "garbage", '{"exitCode":0}', '{"exitCode":0,"signal":0,"userCpuUs":1,"systemCpuUs":2,"maxRssKb":-1}'])(
  "parseHelperReport refuses %p with E_RUN quoting it",
  (text) => {
    let err: unknown;
    try {
      parseHelperReport(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PacerError);
    expect((err as PacerError).code).toBe("E_RUN");
    expect((err as PacerError).message).toBe(`The rusage helper did not report the command's resource usage: it wrote "${text}"`);
  },
);
