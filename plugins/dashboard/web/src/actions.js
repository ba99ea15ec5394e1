// One button's action: at most one request in flight (a double-click sends
// one request), an optional confirmation first, and the button's busy state
// while it runs. Failures are shown by the board's `perform`.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { useBoard } from "./context.js";

export function useAction() {
  const { perform, confirm } = useBoard();
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const mounted = useRef(true);
  useEffect(() => () => void (mounted.current = false), []);

  /// Runs `call` (after `question` is confirmed, when given); resolves to the
  /// call's result, or null when it was declined, already running or failed.
  const run = useCallback(
    async (what, call, question = null) => {
      if (inFlight.current) return null;
      inFlight.current = true;
      try {
        if (question && !(await confirm(question))) return null;
        if (mounted.current) setBusy(true);
        return await perform(what, call);
      } finally {
        inFlight.current = false;
        if (mounted.current) setBusy(false);
      }
    },
    [perform, confirm],
  );
  return { run, busy };
}
