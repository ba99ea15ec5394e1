#pragma once
/// The event catalogue: every topic the host and the standard plugins publish
/// on the in-host event bus (sdk::EventBus), as constants. Subscribe with
/// these instead of spelling strings; docs/plugin-guide.md ("Event
/// catalogue") says the same per topic, with examples.
///
/// Payload: always a Poco::JSON::Object::Ptr inside the event's
/// Poco::Dynamic::Var (`event.payload.extract<Poco::JSON::Object::Ptr>()`).
/// Treat it as read-only: every subscriber sees the same object.
///
/// Delivery: published after the change committed (never for a change that
/// rolled back), synchronously on the publishing thread, to the subscribers
/// of the host that made the change ("host-local"). The bus is not a queue:
/// a subscriber that needs every host to act, or needs to survive a restart,
/// enqueues a job (Jobs.h). Topics marked "every host" are published on each
/// host's bus by the plugin itself (it relays them through the database and
/// Redis), so a subscriber hears them wherever the change was made. The
/// realtime plugin forwards the resource topics (suite.created ...
/// task.overdue) to Socket.IO clients on every host as `suite:created` etc.
///
/// Compatibility: topics and payload fields are only ever added; a topic
/// is renamed or removed only with a new major SDK version.

namespace motel::plugins::topics {

// ---- host -------------------------------------------------------------------
/// SIGTERM: the host no longer accepts connections and is about to wait for
/// the requests in flight. A plugin holding long-lived connections ends them
/// here so clients reconnect to another host at once. Host-local. Payload
/// {"reason": "shutdown"}.
inline constexpr const char* kHostDraining = "host.draining";
/// After every POST/PATCH/PUT/DELETE under /api, once answered. Host-local.
/// Payload {actorId|null, action ("PATCH /api/suites/:id"), entity ("suites"),
/// entityId (text, "" when none), status, requestId, clientAddress, at}.
/// Consumed by the auth plugin's audit log.
inline constexpr const char* kAuditRequest = "audit.request";

// ---- suites -----------------------------------------------------------------
/// A suite was created. Host-local. Payload: the suite as REST returns it
/// {id, number, name, floor, type, occupancy, condition, serviceState, notes,
/// version, createdAt, updatedAt}.
inline constexpr const char* kSuiteCreated = "suite.created";
/// Any change to a suite (API PATCH or a task's effect). Host-local. Payload:
/// the suite after the change (as suite.created).
inline constexpr const char* kSuiteUpdated = "suite.updated";
/// Intent: occupancy went occupied → vacant (the guest left; the suite is
/// now dirty and a cleaning task exists). Fires after suite.updated of the
/// same change. Host-local. Payload: the suite after the change.
inline constexpr const char* kSuiteCheckedOut = "suite.checkedOut";
/// Intent: occupancy went vacant → occupied. Fires after suite.updated.
/// Host-local. Payload: the suite after the change.
inline constexpr const char* kSuiteCheckedIn = "suite.checkedIn";
/// A suite was deleted. Host-local. Payload {id}.
inline constexpr const char* kSuiteDeleted = "suite.deleted";

// ---- tasks ------------------------------------------------------------------
/// A task was created (API, a suite's check-out, a follow-up, the stayover
/// job). Host-local. Payload: the task as REST returns it {id, suiteId|null,
/// type, title, description|null, priority, status, assigneeId|null,
/// createdById|null, dueAt|null, startedAt|null, completedAt|null,
/// outcome|null, blocking, version, createdAt, updatedAt}.
inline constexpr const char* kTaskCreated = "task.created";
/// Any change to a task. Host-local. Payload: the task after the change.
inline constexpr const char* kTaskUpdated = "task.updated";
/// A task got a (new) assignee, on create or update. Host-local. Payload: the task.
inline constexpr const char* kTaskAssigned = "task.assigned";
/// Intent: status became `completed`. Fires after task.updated. Host-local.
/// Payload: the task after the change (completedAt, outcome set).
inline constexpr const char* kTaskCompleted = "task.completed";
/// Intent: status became `cancelled`. Fires after task.updated. Host-local.
/// Payload: the task after the change.
inline constexpr const char* kTaskCancelled = "task.cancelled";
/// Intent: a completed or cancelled task went back to `pending`. Fires after
/// task.updated. Host-local. Payload: the task after the change.
inline constexpr const char* kTaskReopened = "task.reopened";
/// An open task passed its dueAt (the tasks.overdue job, once per task and
/// due time, on one host of the cluster). Host-local to the host that ran the
/// job. Payload: the task.
inline constexpr const char* kTaskOverdue = "task.overdue";
/// A task was deleted. Host-local. Payload {id}.
inline constexpr const char* kTaskDeleted = "task.deleted";

// ---- auth -------------------------------------------------------------------
/// A user was created. Host-local. Payload: the user as REST returns it
/// {id, email, name, role, active, createdAt, updatedAt} (never a password hash).
inline constexpr const char* kUserCreated = "user.created";
/// A user's name, email, role or active flag changed. Host-local. Payload:
/// the user after the change.
inline constexpr const char* kUserUpdated = "user.updated";
/// Intent: a user was deactivated (PATCH active=false). Every host. Payload {id}.
inline constexpr const char* kUserDeactivated = "user.deactivated";
/// Intent: a user was deleted (DELETE /api/users/:id). Every host. Payload {id}.
inline constexpr const char* kUserDeleted = "user.deleted";
/// A user's role changed. Every host. Payload {id}.
inline constexpr const char* kUserRoleChanged = "user.roleChanged";
/// A user's password changed: every token issued before is dead. Every host.
/// Payload {id}.
inline constexpr const char* kUserPasswordChanged = "user.passwordChanged";
/// One access token was revoked (logout). Every host. Payload {userId, tokenId}.
inline constexpr const char* kTokenRevoked = "token.revoked";

} // namespace motel::plugins::topics
