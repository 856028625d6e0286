/**
 * Best known distances of benchmark instances (bench/vrptw.ts), keyed by lower-case instance name.
 * Reads either JSON (`{ "C101_distance": { "best_known_cost": 828.94 }, … }`,
 * preferring `_distance` entries, or plain `{ "C101": 828.94 }`) or text lines
 * `NAME COST [VEHICLES]` (blank lines and `#` comments ignored).
 *
 * @example
 * readBestKnown("C101 828.94 10\nR101 1642.88 20").get("c101") // 828.94
 */
export function readBestKnown(text: string): Map<string, number> {
  const best = new Map<string, number>();
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) {
    const data: unknown = JSON.parse(trimmed);
    if (typeof data !== "object" || data === null) return best;
    const plain = new Map<string, number>();
    for (const [key, value] of Object.entries(data)) {
      const cost =
        typeof value === "number"
          ? value
          : typeof value === "object" && value !== null && "best_known_cost" in value
            ? Number(value.best_known_cost)
            : NaN;
      if (!Number.isFinite(cost)) continue;
      const match = /^(.*)_distance$/i.exec(key);
      if (match) best.set(match[1].toLowerCase(), cost);
      else plain.set(key.toLowerCase(), cost);
    }
    for (const [name, cost] of plain) if (!best.has(name)) best.set(name, cost);
    return best;
  }
  for (const line of trimmed.split(/\r?\n/)) {
    const content = line.replace(/#.*/, "").trim();
    if (!content) continue;
    const [name, cost] = content.split(/[\s,;]+/);
    const value = Number(cost);
    if (name && Number.isFinite(value)) best.set(name.toLowerCase(), value);
  }
  return best;
}
