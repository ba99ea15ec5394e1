// The real-time link: the official socket.io-client against the realtime
// plugin (/socket.io/, token in the handshake `auth`). Reports "live" /
// "offline" and asks for a refetch whenever the server could not recover the
// events missed while disconnected (first connect, or past the recovery
// window); recovered events simply arrive as usual.
import { io } from "socket.io-client";

export const LIVE_EVENTS = [
  "suite:created",
  "suite:updated",
  "suite:deleted",
  "task:created",
  "task:updated",
  "task:deleted",
  "task:assigned",
];

export function connectLive(token, { onEvent, onStatus, onResync, onUnauthorized }) {
  const socket = io({ path: "/socket.io", auth: { token }, reconnectionDelayMax: 3000 });
  socket.on("connect", () => {
    onStatus("live");
    if (!socket.recovered) onResync();
  });
  socket.on("disconnect", (reason) => {
    onStatus("offline");
    // The server closed the session: reconnect (the client does not by itself).
    if (reason === "io server disconnect") socket.connect();
  });
  socket.on("connect_error", (error) => {
    onStatus("offline");
    if (error?.message === "Unauthorized") onUnauthorized();
  });
  for (const name of LIVE_EVENTS) socket.on(name, (payload) => onEvent(name, payload));
  return () => socket.disconnect();
}
