import type { Mutations } from "../mutations.js";
import type { SandboxStore } from "../store.js";
import { notFound, withIssue, type GitlabRoute } from "./context.js";
import { noteJson } from "./json.js";
import { gitlabPage, sortBy } from "./paging.js";
import { createNote } from "./quick-actions.js";

/** Notes (comments) on an issue: `/projects/:id/issues/:noteable_id/notes`. */
export function noteRoutes(store: SandboxStore, mutate: Mutations): GitlabRoute[] {
  return [
    {
      operationId: "getApiV4ProjectsIdIssuesNoteableIdNotes",
      write: false,
      handle: withIssue(store, (repo, issue, request) => {
        const notes = sortBy(
          repo.comments.filter((comment) => comment.issueNumber === issue.number),
          request.query,
        );
        return gitlabPage(
          notes.map((comment) => noteJson(comment, repo, request.base)),
          request,
        );
      }),
    },
    {
      operationId: "postApiV4ProjectsIdIssuesNoteableIdNotes",
      write: true,
      handle: withIssue(store, (repo, issue, { body, actor, base }) => {
        const note = createNote(mutate, repo, issue, actor, String(body.body));
        // A note that was only quick actions: GitLab answers 202 with what the commands did.
        if (!note.comment)
          return {
            status: 202,
            body: {
              commands_changes: note.update,
              summary: note.actions.map((action) => `/${action.name} ${action.args}`.trim()),
            },
          };
        return { status: 201, body: noteJson(note.comment, repo, base) };
      }),
    },
    {
      operationId: "getApiV4ProjectsIdIssuesNoteableIdNotesNoteId",
      write: false,
      handle: withIssue(store, (repo, issue, { params, base }) => {
        const comment = repo.comments.find(
          (candidate) =>
            candidate.id === Number(params.note_id) && candidate.issueNumber === issue.number,
        );
        return comment ? { status: 200, body: noteJson(comment, repo, base) } : notFound("Note");
      }),
    },
    {
      operationId: "putApiV4ProjectsIdIssuesNoteableIdNotesNoteId",
      write: true,
      handle: withIssue(store, (repo, issue, { params, body, actor, base }) => {
        const comment = repo.comments.find(
          (candidate) =>
            candidate.id === Number(params.note_id) && candidate.issueNumber === issue.number,
        );
        if (!comment) return notFound("Note");
        // GitLab runs no quick actions on an edit.
        if (body.body !== undefined) mutate.editComment(repo, comment, actor, String(body.body));
        return { status: 200, body: noteJson(comment, repo, base) };
      }),
    },
  ];
}
