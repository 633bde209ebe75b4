/** What every benchmark hands back: its measures (all samples kept), its parameters and what to know. */
import { summarise, type Summary } from './stats';

export type Unit = 'ms' | 'MB' | 'MB/s' | 'kB' | '×' | 'requests';

export interface Goal {
  /** The figure meets the goal at or below this value. */
  atMost: number;
  text: string;
}

export interface Metric {
  name: string;
  unit: Unit;
  samples: number[];
  summary: Summary;
  goal?: Goal;
  /** The median meets the goal (absent when there is no goal). */
  met?: boolean;
}

export interface BenchResult {
  id: string;
  title: string;
  params: Record<string, string | number | boolean>;
  metrics: Metric[];
  notes: string[];
  /** Why nothing was measured (e.g. the AWS CLI is not installed). */
  skipped?: string;
}

export function metric(name: string, unit: Unit, samples: readonly number[], goal?: Goal): Metric {
  const summary = summarise(samples);
  return {
    name,
    unit,
    samples: [...samples],
    summary,
    ...(goal ? { goal, met: summary.median <= goal.atMost } : {}),
  };
}
