/** One part of `npm run bench`. Add a section by writing a module here and listing it in bench/run.ts. */
export interface BenchOptions {
  /** Hops per measured run (≥ 1,000,000 for the official figures). */
  hops: number;
  /** Measured repetitions after one warm-up; the median is reported. */
  reps: number;
}

export interface BenchRow {
  metric: string;
  /** Human-readable value with its unit. */
  value: string;
  /** The goal from the issue, e.g. "≥ 3,000,000", when there is one. */
  goal?: string;
  pass?: boolean;
}

export interface SectionResult {
  rows: BenchRow[];
  /** Machine-readable figures, merged into the final JSON line under the section's name. */
  metrics: Record<string, number | string | boolean>;
}

export interface BenchSection {
  name: string;
  run(options: BenchOptions): Promise<SectionResult>;
}
