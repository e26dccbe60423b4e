/**
 * Polls until `check` stops throwing (or returns true), for effects that happen asynchronously
 * (event delivery). The deadline only bounds a failing test; passing tests assert no timing.
 */
export async function eventually<T>(check: () => Promise<T>, { timeoutMs = 15_000, intervalMs = 50 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
