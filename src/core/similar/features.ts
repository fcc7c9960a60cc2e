import { summarizeReproduction } from "../repro.js";
import { distinctTerms, tokenize } from "./tokens.js";
import { errorSignature } from "./signature.js";

/** What sevbot remembers of a report to match it later (kept in the log's hidden state). */
export interface MatchFeatures {
  /** Error signature keys from the reproduction summary (see `errorSignature`). */
  signature: string[];
  /** The report's most frequent content words, title words first. */
  terms: string[];
}

/** Enough words to describe a report; the state block stays small. */
const MAX_TERMS = 40;

export function matchFeatures(title: string, body: string): MatchFeatures {
  const titleTerms = [...new Set(tokenize(title))];
  const bodyTerms = distinctTerms(withoutFormHints(body), MAX_TERMS);
  return {
    signature: errorSignature(summarizeReproduction(body)),
    terms: [...new Set([...titleTerms, ...bodyTerms])].slice(0, MAX_TERMS),
  };
}

/** Issue-form headings (`### Steps to reproduce`) and `_No response_` say nothing about the failure. */
function withoutFormHints(body: string): string {
  return body.replace(/^#{1,6}\s.*$/gm, " ").replace(/_No response_/g, " ");
}
