/**
 * Whether a process of this pid runs in this pid space (one of another user counts: signalling it
 * is refused, EPERM, because it exists).
 */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM";
  }
}
