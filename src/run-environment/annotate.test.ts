import { expect, test } from "bun:test";
import { annotate, githubAnnotation } from "./annotate.ts";

test("githubAnnotation() escapes the title and message as workflow commands require", () => {
  expect(githubAnnotation("notice", "pacer: report, run 1", "line 1\nline 2 100%")).toBe(
    "::notice title=pacer%3A report%2C run 1::line 1%0Aline 2 100%25",
  );
});

test("annotate() writes a workflow command on GitHub Actions", async () => {
  const lines: string[] = [];
  await annotate({ GITHUB_ACTIONS: "true" }, "warning", "Upload", "retried", (l) => lines.push(l));
  expect(lines).toEqual(["::warning title=Upload::retried"]);
});
