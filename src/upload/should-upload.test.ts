import { expect, test } from "bun:test";
import { resolveUploadUrl, shouldUpload } from "./should-upload.ts";

test.each([
  [{ skipUpload: false, uploadUrlGiven: false, env: { GITHUB_ACTIONS: "true" } }, true],
  [{ skipUpload: true, uploadUrlGiven: true, env: { GITHUB_ACTIONS: "true" } }, false],
  [{ skipUpload: false, uploadUrlGiven: false, env: { GITLAB_CI: "true", CODSPEED_SKIP_UPLOAD: "true" } }, false],
  [{ skipUpload: false, uploadUrlGiven: false, env: {} }, false],
  [{ skipUpload: false, uploadUrlGiven: false, env: { CI: "true" } }, false],
  [{ skipUpload: false, uploadUrlGiven: true, env: {} }, true],
  [{ skipUpload: false, uploadUrlGiven: false, env: { CODSPEED_UPLOAD_URL: "http://127.0.0.1:1/upload" } }, true],
])("shouldUpload(%o) is %p", (opts, expected) => {
  expect(shouldUpload(opts)).toBe(expected);
});

test("the upload URL defaults to CodSpeed's and must parse", () => {
  expect(resolveUploadUrl(undefined, {})).toBe("https://api.codspeed.io/upload");
  expect(resolveUploadUrl(undefined, { CODSPEED_UPLOAD_URL: "http://x/upload" })).toBe("http://x/upload");
  expect(() => resolveUploadUrl("not a url", {})).toThrow('Invalid upload URL "not a url"');
});
