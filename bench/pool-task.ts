/** The tiny task of the pool benchmark, exported so a Pool can name it across processes. */
export function addOne(x: number): number {
  return x + 1;
}
