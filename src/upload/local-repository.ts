/**
 * Local runs: does the repository of the `origin` remote exist on the server? If not (or there is no
 * remote), runs go to the user's `local-runs` project (§7.5 of the reference).
 *
 * @module
 */
import * as v from "valibot";
import type { RunEnvironment } from "../run-environment/types.ts";
import { graphql, GraphqlError } from "./graphql.ts";

const GET = "query Repository($owner: String!, $name: String!, $provider: RepositoryProvider) { repository(owner: $owner, name: $name, provider: $provider) { id } }";
const CREATE = "mutation Mutation($name: String!) { getOrCreateProjectRepository(name: $name) { provider owner name } }";

const GetSchema = v.object({ repository: v.nullable(v.object({ id: v.string() })) });
const CreateSchema = v.object({
  getOrCreateProjectRepository: v.object({ provider: v.picklist(["GITHUB", "GITLAB", "PROJECT"]), owner: v.string(), name: v.string() }),
});

/** Returns `re` with owner, repository and provider as the server knows them. */
export async function resolveLocalRepository(re: RunEnvironment, apiUrl: string, token: string): Promise<RunEnvironment> {
  if (re.metadata.owner && re.metadata.repository) {
    try {
      const data = await graphql(apiUrl, GET, GetSchema, { owner: re.metadata.owner, name: re.metadata.repository, provider: re.repositoryProvider }, token);
      if (data.repository) return re;
    } catch (err) {
      if (!(err instanceof GraphqlError) || !err.codes.includes("REPOSITORY_NOT_FOUND")) throw err;
    }
  }
  const { getOrCreateProjectRepository: repo } = await graphql(apiUrl, CREATE, CreateSchema, { name: "local-runs" }, token);
  return {
    ...re,
    repositoryProvider: repo.provider,
    metadata: { ...re.metadata, owner: repo.owner, repository: repo.name },
  };
}
