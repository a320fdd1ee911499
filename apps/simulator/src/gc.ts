/** A full GC when the process runs with `--expose-gc` (the CLI does), else nothing. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
