/**
 * Validation problems, each tied to the exact place in the scenario it is about, so an author
 * (or an adapter in another language) can find the faulty field without reading the code.
 */
export interface ValidationIssue {
  /** e.g. `actors[2].ops[5].target`; empty for the document itself. */
  path: string;
  message: string;
}

export function formatIssue(issue: ValidationIssue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
}

export function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues.map(formatIssue).join('\n');
}

/** Appends a property to a path: `a.b`, or `a["odd key"]` when the key is not identifier-like. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  const segment = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
  if (segment !== key) return `${path}[${segment}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** Collects issues instead of stopping at the first, so one run shows every mistake. */
export class IssueList {
  readonly issues: ValidationIssue[] = [];

  add(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  get empty(): boolean {
    return this.issues.length === 0;
  }
}

export class InvalidScenarioError extends Error {
  override readonly name = 'InvalidScenarioError';

  constructor(
    readonly issues: readonly ValidationIssue[],
    readonly scenarioName?: string,
  ) {
    const what = scenarioName === undefined ? 'scenario' : `scenario "${scenarioName}"`;
    super(`invalid ${what}:\n${formatIssues(issues)}`);
  }
}
