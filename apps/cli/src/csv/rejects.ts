/**
 * Escapes a cell for a CSV that people open in a spreadsheet: a cell starting with `=`, `+`, `-`,
 * `@`, a tab or a carriage return would run as a formula, so it is prefixed with `'`.
 */
export function escapeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
