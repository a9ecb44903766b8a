/** Run environments (CI providers and local runs): re-exports only. @module */
export { annotate, githubAnnotation } from "./annotate.ts";
export type { AnnotationLevel } from "./annotate.ts";
export { detectKind, detectRunEnvironment, environmentFrom } from "./detect.ts";
export type { RunEnvironmentKind } from "./detect.ts";
export { readGitFacts } from "./git-facts.ts";
export { githubRunPart, runIndexPath, withRunIndex } from "./run-part.ts";
export type * from "./types.ts";
