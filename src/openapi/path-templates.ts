/** One `/`-separated piece of a path template such as `/repos/{owner}/{repo}`. */
type Segment = { kind: "literal"; text: string } | { kind: "parameter"; name: string; multiSegment: boolean };

export interface PathTemplate {
  template: string;
  segments: Segment[];
}

export type PathParams = Record<string, string>;

/** `multiSegment(name)` says whether the trailing parameter may swallow several `/` segments. */
export function parseTemplate(template: string, multiSegment: (name: string) => boolean): PathTemplate {
  const pieces = splitSegments(template);
  const segments = pieces.map((piece, index): Segment => {
    const name = /^\{([^{}]+)\}$/.exec(piece)?.[1];
    if (name === undefined) return { kind: "literal", text: piece };
    const isLast = index === pieces.length - 1;
    // Only a trailing parameter may span segments; anywhere else matching would be ambiguous.
    return { kind: "parameter", name, multiSegment: isLast && multiSegment(name) };
  });
  return { template, segments };
}

export function splitSegments(path: string): string[] {
  return path.replace(/^\//, "").split("/");
}

/**
 * Sort comparator that puts the most specific template first, so the first match wins: at the
 * first position where two templates differ, a literal beats a parameter, which beats a
 * multi-segment one.
 */
export function compareSpecificity(a: PathTemplate, b: PathTemplate): number {
  const rank = (segment: Segment | undefined) => (segment === undefined ? -1 : segment.kind === "literal" ? 0 : segment.multiSegment ? 2 : 1);
  for (let index = 0; index < Math.max(a.segments.length, b.segments.length); index++) {
    const difference = rank(a.segments[index]) - rank(b.segments[index]);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * Matches raw (still percent-encoded) segments against a template and returns the decoded
 * parameter values. Decoding happens after splitting, so `group%2Fproject` stays one value.
 * Throws URIError on malformed percent-encoding.
 */
export function matchTemplate(template: PathTemplate, rawSegments: string[]): PathParams | undefined {
  const { segments } = template;
  const last = segments[segments.length - 1];
  const spansSegments = last?.kind === "parameter" && last.multiSegment;
  if (spansSegments ? rawSegments.length < segments.length : rawSegments.length !== segments.length) return undefined;
  const params: PathParams = {};
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index]!;
    const raw = rawSegments[index]!;
    if (segment.kind === "literal") {
      if (segment.text !== raw) return undefined;
      continue;
    }
    const pieces = segment.multiSegment ? rawSegments.slice(index) : [raw];
    if (pieces.some((piece) => piece === "")) return undefined;
    params[segment.name] = pieces.map((piece) => decodeURIComponent(piece)).join("/");
  }
  return params;
}
