// The REST calls the board makes (contract: the standard API). Errors become
// ApiError with the envelope's message; a 401 on an authenticated call ends
// the session.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

const PAGE = 200; // the API's largest page

export function createApi(token, onSessionEnded) {
  async function request(method, path, body) {
    const headers = { Accept: "application/json" };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
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

  return {
    login: (email, password) => request("POST", "/api/auth/login", { email, password }),
    me: () => request("GET", "/api/auth/me"),
    suites: () => listAll("/api/suites?sort=number"),
    openTasks: () => listAll("/api/tasks?status=pending,in_progress"),
    recentClosedTasks: () =>
      request("GET", "/api/tasks?status=completed,cancelled&sort=-createdAt&limit=100").then((page) => page.data),
    users: () => listAll("/api/users"),
    updateSuite: (id, changes) => request("PATCH", `/api/suites/${id}`, changes),
    createTask: (task) => request("POST", "/api/tasks", task),
    assignTask: (id, assigneeId) => request("PATCH", `/api/tasks/${id}`, { assigneeId }),
    taskAction: (id, action) => request("POST", `/api/tasks/${id}/${action}`),
  };
}
