/** The Python-visible part of a thrown error (name and message), or null if nothing was thrown. */
export function errorOf(f: () => unknown): { name: string; message: string } | null {
  try {
    f();
    return null;
  } catch (e) {
    return { name: (e as Error).name, message: (e as Error).message };
  }
}
