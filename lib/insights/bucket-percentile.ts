/**
 * A percentile from counted buckets instead of every value: what the insights
 * cache keeps of response times. Each bucket knows how many values it holds and
 * its smallest and largest; the values inside are taken as evenly spread between
 * those two. The answer is the same as Postgres' `percentile_cont` whenever no
 * bucket holds more than two values, and otherwise stays inside the bucket
 * the true answer lies in.
 */

export interface ValueBucket {
  /** Buckets are read in this order: it must follow the values. */
  bucket: number;
  count: number;
  min: number;
  max: number;
}

function valueAt(buckets: readonly ValueBucket[], index: number): number {
  let before = 0;
  for (const b of buckets) {
    if (index < before + b.count) {
      const i = index - before;
      return b.count === 1 ? b.min : b.min + ((b.max - b.min) * i) / (b.count - 1);
    }
    before += b.count;
  }
  return buckets[buckets.length - 1].max;
}

/**
 * The continuous percentile `p` (0–1) of the values in `buckets`; null when there are none.
 *
 * @example
 * bucketPercentile([{ bucket: 12, count: 1, min: 60, max: 60 }, { bucket: 64, count: 1, min: 1440, max: 1440 }], 0.9) // 1302
 */
export function bucketPercentile(buckets: readonly ValueBucket[], p: number): number | null {
  const sorted = buckets.filter((b) => b.count > 0).sort((a, b) => a.bucket - b.bucket);
  const total = sorted.reduce((n, b) => n + b.count, 0);
  if (total === 0) return null;
  const position = p * (total - 1);
  const lower = Math.floor(position);
  const low = valueAt(sorted, lower);
  if (position === lower) return low;
  return low + (valueAt(sorted, lower + 1) - low) * (position - lower);
}
