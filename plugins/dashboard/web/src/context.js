// What every part of the signed-in board shares: the caller, the API, the
// link state (actions need a live link), the users and tasks the caller may
// see, the two ways to act: `perform` (a REST call whose refusal is shown as
// `failure`) and `confirm` (a modal question before a guest-facing change),
// and opening the suite and inspection dialogs.
import { createContext } from "preact";
import { useContext } from "preact/hooks";

export const BoardContext = createContext(null);

export const useBoard = () => useContext(BoardContext);

/// Why actions are paused right now, or "" while the board is live.
export function pausedReason(link) {
  if (link === "live") return "";
  if (link === "connecting") return "Connecting to the server: actions start once the board is live.";
  return "Offline: actions are paused until the link is back, so nothing is sent twice or lost.";
}

/// The id of the element that explains paused actions (for aria-describedby).
export function pausedNoteId(link) {
  if (link === "live") return undefined;
  return link === "offline" ? "paused-note" : "link-state";
}
