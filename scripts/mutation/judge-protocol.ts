/** One JSON line each way over the judge's Unix socket. `mutant: null` is Stryker's dry run. */
export type JudgeRequest = { mutant: string | null } | { stop: true };

/** `green`/`red` answer the dry run; a mutant is `killed`, `survived` or, when the judge broke, `error`. */
export interface Verdict { verdict: 'green' | 'red' | 'killed' | 'survived' | 'error'; detail: string }
