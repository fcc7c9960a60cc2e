// The `severity` section and the per-severity checklists.
import { z } from "zod";
import { builtIn } from "../defaults.js";
import { PerSeverityDefaults, SeverityNumber } from "./shared.js";

const SeverityDefinition = z
  .object({
    /** Short name, e.g. "Critical". */
    name: z.string().min(1).describe('Short name, e.g. "Critical".'),
    /** What makes an issue this severity. */
    description: z.string().min(1).describe("What makes an issue this severity."),
    /** Typical examples, shown in the checklist and the issue templates. */
    examples: z
      .array(z.string())
      .default([])
      .describe("Typical examples, shown in the checklist and issue templates."),
  })
  .strict();

export const SeverityConfig = z
  .object({
    /**
     * Label spellings that mean a severity; `N` stands for the digit 1-4. The first is the one
     * sevbot writes. Matching ignores case. Examples: `severity::N`, `sevN`, `SEV-N`, `PN`,
     * `priority::N`.
     */
    labels: z
      .array(z.string().regex(/N/, "must contain N where the severity digit goes"))
      .min(1)
      .prefault(builtIn("severity.labels"))
      .describe(
        "Label spellings that mean a severity; N stands for 1-4. The first is the one sevbot writes.",
      ),
    /** Severities that are incidents (declared, paged, logged). Others get a triage note only. */
    incidents: z
      .array(SeverityNumber)
      .prefault(builtIn("severity.incidents"))
      .describe("Severities that are incidents. Others get a short triage note only."),
    /** Definitions and examples per severity (defaults follow the incident response plan). */
    definitions: PerSeverityDefaults(SeverityDefinition, "severity.definitions").describe(
      "Definitions and examples per severity.",
    ),
  })
  .strict();

export const Checklists = PerSeverityDefaults(z.array(z.string().min(1)), "checklists");
