import type { IssueRef, Platform } from "./model.js";

const SECTION = /^##\s+(?:lessons and )?action items\b/i;
/** `#12`, `owner/repo#12`, `group/sub/project#12` (GitLab's `+` suffix allowed). */
const REFERENCE = /(?:^|[\s([])((?:[\w.-]+\/)+[\w.-]+)?#(\d+)\+?(?=$|[\s).,;:\]])/g;

/**
 * The issues a post-mortem lists as action items: references in its "Lessons and action items"
 * (or "Action items") section, up to the next heading. Relative references are in `repo`.
 */
export function actionItemsIn(body: string, repo: string, platform: Platform): IssueRef[] {
  const refs: IssueRef[] = [];
  let inSection = false;
  for (const line of body.split(/\r?\n/)) {
    if (/^#{1,6}\s/.test(line)) {
      inSection = SECTION.test(line);
      continue;
    }
    if (!inSection) continue;
    for (const match of line.matchAll(REFERENCE)) {
      const ref = { platform, repo: match[1] ?? repo, number: Number(match[2]) };
      if (!refs.some((seen) => seen.repo === ref.repo && seen.number === ref.number))
        refs.push(ref);
    }
  }
  return refs;
}
