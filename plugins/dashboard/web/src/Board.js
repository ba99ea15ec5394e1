// The signed-in page: the suites board and the task list, kept live by the
// real-time link and refetched whenever that link could not catch up.
import { html } from "htm/preact";
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { createApi } from "./api.js";
import { connectLive } from "./live.js";
import { isManager, openTaskCounts } from "./rules.js";
import { byId, remove, replaceAll, upsert } from "./store.js";
import { SuiteBoard } from "./SuiteBoard.js";
import { TaskList } from "./TaskList.js";

const LINK_TEXT = { connecting: "Connecting…", live: "Live", offline: "Offline" };

export function Board({ session, onSignOut }) {
  const { user, token } = session;
  const manager = isManager(user);
  const endSession = useCallback(() => onSignOut("Your session has ended; please sign in again."), [onSignOut]);
  const api = useMemo(() => createApi(token, endSession), [token, endSession]);
  const [suites, setSuites] = useState(new Map());
  const [tasks, setTasks] = useState(new Map());
  const [users, setUsers] = useState(new Map());
  const [link, setLink] = useState("connecting");
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState("");
  const [show, setShow] = useState("open");
  const showRef = useRef(show);
  showRef.current = show;

  const refetch = useCallback(async () => {
    try {
      const wantClosed = manager && showRef.current !== "open";
      const [suiteList, openTasks, closedTasks, userList] = await Promise.all([
        api.suites(),
        api.openTasks(),
        wantClosed ? api.recentClosedTasks() : Promise.resolve([]),
        manager ? api.users() : Promise.resolve(null),
      ]);
      setSuites((current) => replaceAll(current, suiteList));
      setTasks((current) => replaceAll(current, [...openTasks, ...closedTasks]));
      if (userList) setUsers(byId(userList));
      setLoaded(true);
    } catch (failure) {
      if (failure.status !== 401) setError(`Could not load the board: ${failure.message}`);
    }
  }, [api, manager]);

  useEffect(() => {
    refetch();
    return connectLive(token, {
      onStatus: setLink,
      onResync: refetch,
      onUnauthorized: endSession,
      onEvent: (name, payload) => {
        if (name === "suite:deleted") setSuites((current) => remove(current, payload.id));
        else if (name.startsWith("suite:")) setSuites((current) => upsert(current, payload));
        else if (name === "task:deleted") setTasks((current) => remove(current, payload.id));
        else setTasks((current) => upsert(current, payload));
      },
    });
  }, [token, refetch, endSession]);

  useEffect(() => {
    if (show !== "open") refetch();
  }, [show]);

  /// Runs a REST call for a button; its answer updates the board at once.
  const act = useCallback(async (call) => {
    setError("");
    try {
      const result = await call();
      if (result && "suiteId" in result) setTasks((current) => upsert(current, result));
      else if (result && "occupancy" in result) setSuites((current) => upsert(current, result));
      return true;
    } catch (failure) {
      if (failure.status !== 401) setError(failure.message);
      return false;
    }
  }, []);

  const counts = useMemo(() => openTaskCounts(tasks), [tasks]);

  return html`
    <div class="page">
      <header class="topbar">
        <h1>Motel board</h1>
        <p class=${`link link-${link}`} role="status" title="Real-time link">${LINK_TEXT[link]}</p>
        <p class="who"><span>${user.name}</span> <span class="muted">(${user.role})</span></p>
        <button type="button" class="quiet" onClick=${() => onSignOut()}>Sign out</button>
      </header>
      ${link === "offline" &&
      html`<p class="banner">Offline: changes made elsewhere will appear when the link is back.</p>`}
      ${error && html`<p class="banner error" role="alert">${error}
        <button type="button" class="quiet" onClick=${() => setError("")}>Dismiss</button></p>`}
      <main class="layout">
        <${TaskList} user=${user} tasks=${tasks} suites=${suites} users=${users} show=${show}
                     onShow=${setShow} api=${api} act=${act} loaded=${loaded} />
        <${SuiteBoard} user=${user} suites=${suites} counts=${counts} api=${api} act=${act} loaded=${loaded} />
      </main>
    </div>`;
}
