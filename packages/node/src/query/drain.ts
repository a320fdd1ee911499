/**
 * Runs an operation's generator to its end and resolves to what it returns; `onEvent` sees
 * each progress event on the way. The one way promise helpers (findNode, getValue,
 * putValue) and internal callers (join, refresh, republish) consume a lookup, get or put.
 */
export async function drain<E, R>(steps: AsyncGenerator<E, R, void>, onEvent?: (event: E) => void): Promise<R> {
  for (;;) {
    const step = await steps.next();
    if (step.done) return step.value;
    onEvent?.(step.value);
  }
}
