/**
 * Whether a process id is taken, by signal 0 (nothing is sent).
 *
 * @module
 */

/** True while `pid` exists, also when it belongs to another user (EPERM). */
export function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
