// The REST calls the board makes (contract: the standard API). Errors become
// ApiError with the envelope's message; a 401 on an authenticated call ends
// the session. A request that never got an answer (network down) becomes an
// ApiError with status 0 and a message that says what that means for the
// change, never the browser's raw "Failed to fetch".

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

const PAGE = 200; // the API's largest page
const HISTORY_PAGE = 25;
/// Completed tasks are found newest-created first; a task created this long
/// before today that was completed today is not counted (see README).
const COMPLETED_LOOKBACK_DAYS = 7;

/// The error for a request that got no answer. Whether a change was made
/// is then unknown (the request may have reached the server), and the user
/// must be told so; a read or a sign-in changes nothing.
function unreachable(changing) {
  const offline = typeof navigator !== "undefined" && navigator.onLine === false;
  if (offline)
    return new ApiError(0, changing ? "You are offline: nothing was sent. Try again when the board is live."
                                    : "You are offline: check the connection and try again.");
  return new ApiError(
    0,
    changing
      ? "The server could not be reached, so the change may not have been made. " +
          "The board refreshes when the link is back; check it before trying again."
      : "The server could not be reached: check the connection and try again.",
  );
}

export function createApi(token, onSessionEnded) {
  async function request(method, path, body, { version } = {}) {
    const headers = { Accept: "application/json" };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    // The change is meant for the version the user saw: a stale one is 412.
    if (version !== undefined) headers["If-Match"] = `"${version}"`;
    const changing = method !== "GET" && path !== "/api/auth/login";
    let response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw unreachable(changing);
    }
    let text = "";
    try {
      text = await response.text();
    } catch {
      throw unreachable(changing);
    }
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
    if (!response.ok) {
      const message = Array.isArray(data?.message) ? data.message.join("; ") : data?.message;
      if (response.status === 401 && token && onSessionEnded) onSessionEnded();
      throw new ApiError(response.status, message || `${response.status} ${response.statusText}`);
    }
    return data;
  }

  /// Every page of a list endpoint.
  async function listAll(path) {
    const items = [];
    const joiner = path.includes("?") ? "&" : "?";
    for (let offset = 0; ; offset += PAGE) {
      const page = await request("GET", `${path}${joiner}limit=${PAGE}&offset=${offset}`);
      items.push(...page.data);
      if (page.data.length < PAGE || items.length >= page.total) return items;
    }
  }

  /// Tasks completed at or after `since` (a Date), newest created first.
  async function completedSince(since) {
    const oldest = since.getTime() - COMPLETED_LOOKBACK_DAYS * 86400000;
    const found = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await request("GET", `/api/tasks?status=completed&sort=-createdAt&limit=${PAGE}&offset=${offset}`);
      for (const task of page.data) if (task.completedAt && Date.parse(task.completedAt) >= since.getTime()) found.push(task);
      const last = page.data[page.data.length - 1];
      if (page.data.length < PAGE || !last || Date.parse(last.createdAt) < oldest) return found;
    }
  }

  return {
    login: (email, password) => request("POST", "/api/auth/login", { email, password }),
    suites: () => listAll("/api/suites?sort=number"),
    openTasks: () => listAll("/api/tasks?status=pending,in_progress"),
    overdueTasks: () => listAll("/api/tasks?overdue=true"),
    completedSince,
    recentClosedTasks: () =>
      request("GET", "/api/tasks?status=completed,cancelled&sort=-createdAt&limit=100").then((page) => page.data),
    users: () => listAll("/api/users"),
    history: (suiteId, offset = 0) =>
      request("GET", `/api/suites/${suiteId}/history?limit=${HISTORY_PAGE}&offset=${offset}`),
    updateSuite: (suite, changes) => request("PATCH", `/api/suites/${suite.id}`, changes, { version: suite.version }),
    createTask: (task) => request("POST", "/api/tasks", task),
    assignTask: (id, assigneeId) => request("PATCH", `/api/tasks/${id}`, { assigneeId }),
    taskAction: (id, action, body) => request("POST", `/api/tasks/${id}/${action}`, body),
  };
}
