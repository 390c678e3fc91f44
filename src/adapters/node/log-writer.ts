/**
 * Request log lines, written in batches: one write per event-loop turn instead of one per
 * request. Writes to stderr are synchronous when it is a file or pipe, so a line per request
 * costs a system call on the request's own path; batching moves that off it. Whatever is
 * still queued is written when the process exits.
 */
export function createBatchedLineWriter(write: (text: string) => void): (line: string) => void {
  let queued: string[] = [];
  const flush = (): void => {
    if (queued.length === 0) return;
    const text = `${queued.join("\n")}\n`;
    queued = [];
    write(text);
  };
  process.on("exit", flush);
  return (line) => {
    if (queued.push(line) === 1) setImmediate(flush);
  };
}
