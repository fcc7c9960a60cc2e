import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configJsonSchema } from "../../src/cli/schema.js";

describe("JSON Schema for editors", () => {
  it("the committed config/sevbot.schema.json is what `npm run schema` generates", () => {
    const committed = JSON.parse(
      readFileSync(new URL("../../config/sevbot.schema.json", import.meta.url), "utf8"),
    );
    expect(committed).toEqual(JSON.parse(JSON.stringify(configJsonSchema())));
  });

  it("describes every setting", () => {
    const schema = configJsonSchema() as { properties: Record<string, { description?: string }> };
    for (const [name, property] of Object.entries(schema.properties))
      expect(property.description, name).toBeTruthy();
  });
});
