/** How a secret appears in findings, evidence and reports: its first 4 characters, then ****. */
export function maskSecret(value: string): string {
  return `${value.slice(0, 4)}****`;
}
