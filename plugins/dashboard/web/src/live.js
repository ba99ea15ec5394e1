// The real-time link: the official socket.io-client against the realtime
// plugin (/socket.io/, token in the handshake `auth`). Reports "live" /
// "offline" and asks for a refetch whenever the server could not recover the
// events missed while disconnected (first connect, or past the recovery
// window); recovered events simply arrive as usual. The browser's own
// offline signal counts at once: the socket would notice only at its next
// ping, and until then the board would look live while nothing gets through.
import { io } from "socket.io-client";

export const LIVE_EVENTS = [
  "suite:created",
  "suite:updated",
  "suite:deleted",
  "task:created",
  "task:updated",
  "task:deleted",
  "task:assigned",
  "task:overdue",
];

export function connectLive(token, { onEvent, onStatus, onResync, onUnauthorized }) {
  const socket = io({ path: "/socket.io", auth: { token }, reconnectionDelayMax: 3000 });
  const report = () => onStatus(navigator.onLine === false ? "offline" : socket.connected ? "live" : "offline");
  socket.on("connect", () => {
    report();
    if (!socket.recovered) onResync();
  });
  socket.on("disconnect", (reason) => {
    report();
    // The server closed the session: reconnect (the client does not by itself).
    if (reason === "io server disconnect") socket.connect();
  });
  socket.on("connect_error", (error) => {
    report();
    if (error?.message === "Unauthorized") onUnauthorized();
  });
  for (const name of LIVE_EVENTS) socket.on(name, (payload) => onEvent(name, payload));
  // Back online with the socket never having noticed: what it was sent
  // meanwhile may be lost, so refetch rather than trust it.
  const back = () => {
    report();
    if (socket.connected) onResync();
  };
  window.addEventListener("offline", report);
  window.addEventListener("online", back);
  return () => {
    window.removeEventListener("offline", report);
    window.removeEventListener("online", back);
    socket.disconnect();
  };
}
