// The pool benchmark's tiny task for piscina, which loads plain JS worker files: the same body as
// pool-task.ts's addOne.
module.exports = (x) => x + 1;
