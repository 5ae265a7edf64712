/**
 * Runs `task` once the browser has painted what is on screen now; returns a function that cancels it.
 * The effects of a click run before the next paint, and each request started there costs milliseconds of the
 * main thread: loading starts after the new view is shown. Hidden pages get no frames, hence the fallback timer.
 */
export function afterPaint(task: () => void, fallbackMs = 100): () => void {
  let done = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    if (done) return;
    done = true;
    task();
  };
  const frame = requestAnimationFrame(() => { timer = setTimeout(run, 0); });
  const fallback = setTimeout(run, fallbackMs);
  return () => {
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(fallback);
    if (timer !== undefined) clearTimeout(timer);
  };
}
