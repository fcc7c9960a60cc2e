/**
 * A stable, harmless name for an incident, used wherever its title must not go (channels, pages,
 * trackers more public than the source).
 */
const ADJECTIVES = [
  "amber",
  "brisk",
  "cobalt",
  "dusty",
  "ember",
  "frosty",
  "granite",
  "hazel",
  "indigo",
  "jade",
  "lunar",
  "misty",
  "nimble",
  "onyx",
  "quiet",
  "rusty",
  "silver",
  "tidal",
  "velvet",
  "woolly",
];
const NOUNS = [
  "badger",
  "comet",
  "falcon",
  "harbor",
  "island",
  "lantern",
  "meadow",
  "otter",
  "pepper",
  "quartz",
  "raven",
  "saddle",
  "thistle",
  "walrus",
  "willow",
  "yarrow",
  "zephyr",
  "beacon",
  "canyon",
  "delta",
];

/** FNV-1a: small, deterministic, no crypto module needed in the pure core. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export function codename(seed: string): string {
  const hash = fnv1a(seed);
  return `${ADJECTIVES[hash % ADJECTIVES.length]}-${NOUNS[Math.floor(hash / ADJECTIVES.length) % NOUNS.length]}`;
}
