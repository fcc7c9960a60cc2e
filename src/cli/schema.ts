import { z } from "zod";
import { SevbotConfig } from "../config/schema.js";

/** JSON Schema of the config file, for editor completion (`npm run schema`). */
export function configJsonSchema(): object {
  return {
    ...z.toJSONSchema(SevbotConfig, { io: "input" }),
    title: "sevbot configuration (.github/sevbot.yml or .gitlab/sevbot.yml)",
  };
}

export function printSchema(): void {
  console.log(JSON.stringify(configJsonSchema(), null, 2));
}
