/**
 * Words worth comparing: lower case, split on anything but letters and digits, without common
 * English and report-form words, numbers or one- and two-letter tokens, with plurals and verb
 * endings folded so "timeouts" meets "timeout" and "failing" meets "failed".
 */
const STOPWORDS = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before " +
    "being below between both but by can could did do does doing down during each few for from " +
    "further had has have having he her here hers him his how i if in into is it its itself just " +
    "me more most my no nor not now of off on once only or other our ours out over own same she " +
    "should so some such than that the their theirs them then there these they this those " +
    "through to too under until up very was we were what when where which while who whom why " +
    "will with would you your yours get got still see seen seems seem like one two three " +
    "http https www com org html steps reproduce expected actual behaviour behavior happened " +
    "happen happening issue report reported please thanks hi hello etc via see also"
  ).split(" "),
);

const MIN_LENGTH = 3;

/** Removes HTML comments (sevbot's markers, form hints) and URLs' schemes before splitting. */
function clean(text: string): string {
  return text.replace(/<!--[\s\S]*?-->/g, " ").replace(/\bhttps?:\/\//gi, " ");
}

export function stem(word: string): string {
  if (word.length > 5 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 5 && word.endsWith("ing")) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith("ed")) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith("es") && /(?:ss|x|ch|sh)es$/.test(word))
    return word.slice(0, -2);
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

/** Every content word of a text, in order, repeats kept. */
export function tokenize(text: string): string[] {
  const words = clean(text)
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return words
    .filter((word) => word.length >= MIN_LENGTH && !/^\d+$/.test(word) && !STOPWORDS.has(word))
    .map(stem)
    .filter((word) => word.length >= MIN_LENGTH && !STOPWORDS.has(word));
}

/** Distinct words, the most frequent first (first appearance breaks ties), at most `limit`. */
export function distinctTerms(text: string, limit: number): string[] {
  const counts = new Map<string, number>();
  for (const word of tokenize(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([word]) => word);
}
