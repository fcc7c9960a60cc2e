import type { SandboxLabel, SandboxRepo, SandboxStore } from "../store.js";
import { badRequest, notFound, withProject, type GitlabRoute } from "./context.js";
import { labelJson } from "./json.js";
import { gitlabPage } from "./paging.js";
import { text } from "./params.js";

/** GitLab colours are `#rrggbb`; the store keeps the bare hex, as GitHub does. */
function storedColor(value: unknown): string {
  return String(value).replace(/^#/, "").toLowerCase();
}

/** `:name` is a label's name or its id, as GitLab accepts both. */
function labelNamed(repo: SandboxRepo, name: string): SandboxLabel | undefined {
  return (
    repo.labels.get(name.toLowerCase()) ??
    (/^\d+$/.test(name)
      ? [...repo.labels.values()].find((label) => label.id === Number(name))
      : undefined)
  );
}

/** Project labels: `/projects/:id/labels`. */
export function labelRoutes(store: SandboxStore): GitlabRoute[] {
  return [
    {
      operationId: "getApiV4ProjectsIdLabels",
      write: false,
      handle: withProject(store, (repo, request) => {
        const search = request.query.get("search")?.toLowerCase();
        const labels = [...repo.labels.values()].filter(
          (label) => !search || label.name.toLowerCase().includes(search),
        );
        return gitlabPage(
          labels.map((label) => labelJson(label, repo)),
          request,
        );
      }),
    },
    {
      operationId: "postApiV4ProjectsIdLabels",
      write: true,
      handle: withProject(store, (repo, { body }) => {
        const name = String(body.name);
        if (repo.labels.has(name.toLowerCase()))
          return { status: 409, body: { message: "Label already exists" } };
        if (!/^#?([0-9a-f]{3}){1,2}$/i.test(String(body.color)))
          return badRequest("color is invalid");
        const label: SandboxLabel = {
          id: store.nextId(),
          name,
          color: storedColor(body.color),
          description: text(body.description) ?? null,
          created_at: store.now(),
        };
        repo.labels.set(name.toLowerCase(), label);
        return { status: 201, body: labelJson(label, repo) };
      }),
    },
    {
      operationId: "getApiV4ProjectsIdLabelsName",
      write: false,
      handle: withProject(store, (repo, { params }) => {
        const label = labelNamed(repo, params.name ?? "");
        return label ? { status: 200, body: labelJson(label, repo) } : notFound("Label");
      }),
    },
    {
      operationId: "putApiV4ProjectsIdLabelsName",
      write: true,
      handle: withProject(store, (repo, { params, body }) => {
        const label = labelNamed(repo, params.name ?? "");
        if (!label) return notFound("Label");
        if (
          body.new_name === undefined &&
          body.color === undefined &&
          body.description === undefined
        )
          return badRequest(
            "new_name, color, description are missing, at least one parameter must be provided",
          );
        if (body.color !== undefined && !/^#?([0-9a-f]{3}){1,2}$/i.test(String(body.color)))
          return badRequest("color is invalid");
        const newName = text(body.new_name);
        if (
          newName &&
          newName.toLowerCase() !== label.name.toLowerCase() &&
          repo.labels.has(newName.toLowerCase())
        )
          return { status: 409, body: { message: "Label already exists" } };
        if (newName) {
          repo.labels.delete(label.name.toLowerCase());
          label.name = newName;
          repo.labels.set(newName.toLowerCase(), label);
        }
        if (body.color !== undefined) label.color = storedColor(body.color);
        if (body.description !== undefined) label.description = text(body.description) ?? null;
        return { status: 200, body: labelJson(label, repo) };
      }),
    },
  ];
}
