import { closestWord } from "../closest-word.js";
import { COMMAND_NAMES } from "./types.js";

/** The command a mistyped word most likely meant (`akc` → `ack`, `reslove` → `resolve`). */
export function suggestCommand(word: string): string | undefined {
  return closestWord(word, COMMAND_NAMES);
}
