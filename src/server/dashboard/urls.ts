/** The dashboard's page addresses, for one project. @module */
import type { Links } from "../../dashboard/links.ts";
import type { Project } from "../model.ts";

const seg = encodeURIComponent;

export function projectUrl(p: Pick<Project, "owner" | "repo">): string {
  return `/${seg(p.owner)}/${seg(p.repo)}`;
}

export function linksFor(p: Project): Links & { compare(base: string, head: string): string } {
  const root = projectUrl(p);
  return {
    run: (id) => `${root}/runs/${seg(id)}`,
    benchmark: (_instrument, uri) => `${root}/benchmarks/${seg(uri)}`,
    compare: (base, head) => `${root}/compare?base=${seg(base)}&head=${seg(head)}`,
  };
}
