import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };

type Json = Record<string, unknown>;

/** GitHub's own example of `event`.`action` (the first one, or the first `where` accepts). */
export function example(event: string, action?: string, where: (e: Json) => boolean = () => true) {
  const found = examples
    .find((group) => group.name === event)
    ?.examples.find(
      (e) => (action === undefined || (e as Json).action === action) && where(e as Json),
    );
  if (!found) throw new Error(`no @octokit/webhooks-examples payload for ${event}.${action}`);
  return found as Json;
}

/** The repository the whole life happens in: GitHub's example of a repository just created. */
export const LIFE_REPOSITORY = example("repository", "created").repository as Json & {
  id: number;
  name: string;
  full_name: string;
  owner: Json & { login: string };
};
export const LIFE_INSTALLATION = {
  id: 4242,
  node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==",
};

/** A person of the organisation, as payloads name them. */
export function person(login: string, id = 5000) {
  return { ...(example("issues", "labeled").sender as Json), login, id, type: "User" };
}

/** The common part of every payload of the life: our repository and installation. */
export function inLife(payload: Json): Json {
  return { ...payload, repository: LIFE_REPOSITORY, installation: LIFE_INSTALLATION };
}
