/**
 * The clock of the tests' bounded-time guards (a hostile input must end in bounded time): the CPU time of this process
 * (user + system, all its threads, so the garbage collector's too), not the wall clock, which other processes on a
 * shared machine stretch by several times. Performance itself is measured in bench/, never in tests.
 */

/** Starts a clock: the returned function gives the CPU milliseconds this process used since. */
export function cpuClock(): () => number {
  const start = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
}
