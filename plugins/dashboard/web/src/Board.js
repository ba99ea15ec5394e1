// The signed-in page: the day at a glance (managers), the task list and the
// suites board, kept live by the real-time link and refetched whenever that
// link could not catch up; the suite, inspection and confirmation dialogs.
import { html } from "htm/preact";
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { createApi } from "./api.js";
import { ConfirmDialog } from "./ConfirmDialog.js";
import { BoardContext, pausedReason } from "./context.js";
import { DayGlance } from "./DayGlance.js";
import { failureText } from "./failures.js";
import { startOfToday } from "./glance.js";
import { InspectDialog } from "./InspectDialog.js";
import { connectLive } from "./live.js";
import { afterTaskChange, markOverdue, withoutTask } from "./overdue.js";
import { isManager, openInspectionOf, openTaskCounts } from "./rules.js";
import { byId, remove, replaceAll, upsert } from "./store.js";
import { SuiteBoard } from "./SuiteBoard.js";
import { SuiteDialog } from "./SuiteDialog.js";
import { TaskList } from "./TaskList.js";

const LINK_TEXT = { connecting: "Connecting…", live: "Live", offline: "Offline" };
const LOAD_FAILED = "Could not load the board: ";

export function Board({ session, onSignOut }) {
  const { user, token } = session;
  const manager = isManager(user);
  const endSession = useCallback(() => onSignOut("Your session has ended; please sign in again."), [onSignOut]);
  const api = useMemo(() => createApi(token, endSession), [token, endSession]);
  const [suites, setSuites] = useState(new Map());
  const [tasks, setTasks] = useState(new Map());
  const [users, setUsers] = useState(new Map());
  const [overdueIds, setOverdueIds] = useState(new Set());
  const [link, setLink] = useState("connecting");
  const [loaded, setLoaded] = useState(false);
  const [resyncs, setResyncs] = useState(0);
  const [error, setError] = useState("");
  const [show, setShow] = useState("open");
  const [question, setQuestion] = useState(null);
  const [openSuiteId, setOpenSuiteId] = useState(null);
  const [inspecting, setInspecting] = useState(null);
  const showRef = useRef(show);
  showRef.current = show;

  const refetch = useCallback(async () => {
    try {
      const wantClosed = manager && showRef.current !== "open" && showRef.current !== "overdue";
      const [suiteList, openTasks, overdue, doneToday, closedTasks, userList] = await Promise.all([
        api.suites(),
        api.openTasks(),
        api.overdueTasks(),
        manager ? api.completedSince(startOfToday()) : Promise.resolve([]),
        wantClosed ? api.recentClosedTasks() : Promise.resolve([]),
        manager ? api.users() : Promise.resolve(null),
      ]);
      setSuites((current) => replaceAll(current, suiteList));
      setTasks((current) => replaceAll(current, [...openTasks, ...doneToday, ...closedTasks]));
      setOverdueIds(new Set(overdue.map((task) => task.id)));
      if (userList) setUsers(byId(userList));
      setLoaded(true);
      setResyncs((n) => n + 1);
      setError((shown) => (shown.startsWith(LOAD_FAILED) ? "" : shown)); // loaded now: that is over
    } catch (failure) {
      if (failure.status !== 401) setError(LOAD_FAILED + failure.message);
    }
  }, [api, manager]);
  const refetchRef = useRef(refetch);
  refetchRef.current = refetch;

  const applyTask = useCallback((task) => {
    setTasks((current) => upsert(current, task));
    setOverdueIds((current) => afterTaskChange(current, task));
  }, []);

  useEffect(() => {
    refetch();
    return connectLive(token, {
      onStatus: setLink,
      onResync: () => refetchRef.current(),
      onUnauthorized: endSession,
      onEvent: (name, payload) => {
        if (name === "suite:deleted") setSuites((current) => remove(current, payload.id));
        else if (name.startsWith("suite:")) setSuites((current) => upsert(current, payload));
        else if (name === "task:deleted") {
          setTasks((current) => remove(current, payload.id));
          setOverdueIds((current) => withoutTask(current, payload.id));
        } else if (name === "task:overdue") {
          setTasks((current) => upsert(current, payload));
          setOverdueIds((current) => markOverdue(current, payload));
        } else applyTask(payload);
      },
    });
  }, [token, refetch, endSession, applyTask]);

  useEffect(() => {
    if (show === "closed" || show === "all") refetch();
  }, [show]);

  /// Runs a REST call for an action; its answer updates the board at once,
  /// a refusal is shown in the server's words (and a stale copy refetched).
  const perform = useCallback(
    async (what, call) => {
      setError("");
      try {
        const result = await call();
        if (result && "suiteId" in result) applyTask(result);
        else if (result && "occupancy" in result) setSuites((current) => upsert(current, result));
        return result ?? true;
      } catch (failure) {
        if (failure.status === 401) return null;
        setError(failureText(what, failure));
        if ([404, 409, 412].includes(failure.status)) refetchRef.current();
        return null;
      }
    },
    [applyTask],
  );

  const confirm = useCallback((asked) => new Promise((resolve) => setQuestion({ ...asked, resolve })), []);
  const answer = (yes) => {
    question.resolve(yes);
    setQuestion(null);
  };

  const board = useMemo(
    () => ({
      user, manager, api, link, users, tasks, perform, confirm,
      failure: error,
      clearFailure: () => setError(""),
      openSuite: setOpenSuiteId,
      openInspection: (suiteId, taskId) => setInspecting({ suiteId, taskId }),
    }),
    [user, manager, api, link, users, tasks, perform, confirm, error],
  );

  const counts = useMemo(() => openTaskCounts(tasks), [tasks]);
  const openSuite = openSuiteId == null ? null : suites.get(openSuiteId);
  const inspectedSuite = inspecting && suites.get(inspecting.suiteId);
  // From a suite: its open inspection task when there is one (say, the one
  // plugins.tasks.requireInspection created), so no second one is made.
  const inspectedTask = !inspecting
    ? null
    : inspecting.taskId != null
      ? tasks.get(inspecting.taskId)
      : openInspectionOf(user, tasks, inspecting.suiteId);
  const paused = pausedReason(link);

  return html`
    <${BoardContext.Provider} value=${board}>
      <div class="page">
        <header class="topbar">
          <div class="topbar-row">
            <h1>Motel board</h1>
            <p id="link-state" class=${`link link-${link}`} role="status" title="Real-time link">${LINK_TEXT[link]}</p>
            <p class="who"><span>${user.name}</span> <span class="muted">(${user.role})</span></p>
            <button type="button" class="quiet" onClick=${() => onSignOut()}>Sign out</button>
          </div>
          ${link === "offline" && html`<p id="paused-note" class="banner">${paused}
            Changes made elsewhere appear when the link is back.</p>`}
          ${error && html`<p class="banner error" role="alert">${error}
            <button type="button" class="quiet" onClick=${() => setError("")}>Dismiss</button></p>`}
        </header>
        <main>
          ${manager && html`<${DayGlance} suites=${suites} overdueIds=${overdueIds} />`}
          <div class="layout">
            <${TaskList} tasks=${tasks} suites=${suites} show=${show} onShow=${setShow} loaded=${loaded}
                         overdueIds=${overdueIds} />
            <${SuiteBoard} suites=${suites} counts=${counts} loaded=${loaded} />
          </div>
        </main>
      </div>
      ${openSuite && html`<${SuiteDialog} suite=${openSuite} resyncs=${resyncs} onClose=${() => setOpenSuiteId(null)} />`}
      ${inspectedSuite &&
      html`<${InspectDialog} suite=${inspectedSuite} task=${inspectedTask} onClose=${() => setInspecting(null)} />`}
      ${question && html`<${ConfirmDialog} question=${question} onAnswer=${answer} />`}
    </${BoardContext.Provider}>`;
}
