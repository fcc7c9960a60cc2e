// Regenerates config/sevbot.schema.json from the built zod schema (run after `npm run build`).
import { writeFileSync } from "node:fs";
import { configJsonSchema } from "../dist/cli/schema.js";

writeFileSync(
  new URL("../config/sevbot.schema.json", import.meta.url),
  `${JSON.stringify(configJsonSchema(), null, 2)}\n`,
);
