// Bundles the GitHub Action's entry (src/action/main.ts) with its dependencies into one file,
// committed at .github/action/index.mjs so that `uses: owner/sevbot@v1` runs without `npm ci`.
// Run: npm run build:action. test/action/bundle.test.ts fails when the committed file is stale.
import { build } from "esbuild";
import { fileURLToPath, pathToFileURL } from "node:url";
import process from "node:process";

export const ACTION_ENTRY = "src/action/main.ts";
export const ACTION_BUNDLE = ".github/action/index.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Builds the bundle; with `write: false` returns its text instead of writing it. */
export async function bundleAction({ write = true } = {}) {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [ACTION_ENTRY],
    outfile: ACTION_BUNDLE,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    // Dependencies written as CommonJS call require(); an ES module has none of its own.
    banner: {
      js: 'import { createRequire as sevbotCreateRequire } from "node:module";\nconst require = sevbotCreateRequire(import.meta.url);',
    },
    // Paths in the bundle's comments stay relative to the checkout, even where node_modules is a
    // symbolic link, so every machine writes the same bytes.
    preserveSymlinks: true,
    legalComments: "eof",
    logLevel: "warning",
    write,
  });
  return result.outputFiles?.[0]?.text;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  await bundleAction();
