import { failsGate } from '../../gate/baseline-compare';
import { isFailure, type ClaimResult, type RunReport, type Verdict } from '../../runner/report-model';

/**
 * The HTML report's rows: every claim any run reported on (in the order runs report them),
 * with one cell per run, empty where that run did not reach the claim. `about` is the claim's
 * own data (title, source, contest), taken from the first run that has it.
 */

export interface MatrixRow {
  id: string;
  about: ClaimResult;
  cells: (ClaimResult | undefined)[];
}

export function matrixRows(runs: readonly RunReport[]): MatrixRow[] {
  const rows = new Map<string, MatrixRow>();
  runs.forEach((run, r) => {
    for (const claim of run.claims) {
      let row = rows.get(claim.id);
      if (row === undefined) {
        row = { id: claim.id, about: claim, cells: runs.map(() => undefined) };
        rows.set(claim.id, row);
      }
      row.cells[r] = claim;
    }
  });
  return [...rows.values()];
}

/** Facts the filters use, beyond the verdicts themselves. */
export interface RowFlags {
  /** Some run fails the gate on this claim. */
  failing: boolean;
  /** Some run failed or errored (known failures included). */
  failed: boolean;
  /** Some run's result differs from its baseline. */
  unexpected: boolean;
  /** The runs disagree about the verdict. */
  differ: boolean;
  contested: boolean;
}

export function rowFlags(row: MatrixRow, runs: readonly RunReport[]): RowFlags {
  const present = row.cells.flatMap((c, r) => (c === undefined ? [] : [{ claim: c, run: runs[r] }]));
  const verdicts = new Set<Verdict>(present.map((p) => p.claim.verdict));
  return {
    failing: present.some((p) => failsGate(p.claim, p.run)),
    failed: present.some((p) => isFailure(p.claim.verdict)),
    unexpected: present.some((p) => p.claim.baseline !== undefined && p.claim.baseline.status !== 'expected'),
    differ: verdicts.size > 1,
    contested: row.about.kind === 'contested',
  };
}
