/**
 * Resolves once `check` holds, polling every `stepMs`. There is no time limit of its own: the
 * test's timeout is the backstop, so a slow machine makes the test slower, never red.
 */
export async function until(check: () => boolean | Promise<boolean>, stepMs = 20): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, stepMs));
}
