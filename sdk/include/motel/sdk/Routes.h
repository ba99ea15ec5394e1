#pragma once
/// Route registration. A plugin adds its routes while it starts; the host
/// freezes the router once every plugin has started.
///
/// Threads (the contract every handler is written against):
///   - A handler runs on one of the host's HTTP worker threads
///     (`http.workers`), never on the thread that accepted the request, and
///     may block (database, Redis, files) for as long as the request needs.
///   - Handlers run concurrently: the same handler, on different requests, on
///     several workers at once, and alongside jobs (Jobs.h) and event
///     subscribers (Events.h). Anything a handler shares between requests
///     needs its own synchronisation; Request and Response belong to the one
///     call and need none.
///   - The host may run a proven-cheap handler on the I/O thread that read the
///     request, saving two thread hops: only bodiless GET/HEAD requests, and
///     only after that method + path ran 64 times on the workers with an
///     average CPU time within 50 µs and never blocking (no database round
///     trip, no sleep). One slow or blocking run sends it back to the workers.
///     A handler that defers its answer or takes the connection over never
///     runs inline. The handler cannot tell the difference, except that
///     blocking there would stall other connections; a route whose cost
///     depends on state the host cannot see (a cache that may go cold, a lock
///     another thread may hold long) opts out with `mayRunInline = false`.
///   - Exchange::defer() answers later from any thread without holding a
///     worker (long-polling); DeferredReply::send() is thread-safe.

#include <motel/sdk/Request.h>
#include <motel/sdk/Response.h>

#include <functional>
#include <string>
#include <vector>

namespace motel::sdk {

using Handler = std::function<void(const Request&, Response&)>;

/// Who may call a route. The host checks it before the handler runs and
/// answers 401 (no/invalid token) or 403 (caller may act as none of `roles`)
/// itself. Role names come from the plugin that manages accounts (for the
/// standard `auth` plugin, <motel/plugins/auth/Roles.h>); a role admits every
/// caller whose grants include it (Principal::hasRole), so
/// `Access::anyRole({auth::kManagerRole})` admits managers and admins.
struct Access {
    bool requiresAuthentication = true;
    std::vector<std::string> roles; ///< empty: any authenticated caller

    static Access publicRoute() { return Access{false, {}}; }
    static Access authenticated() { return Access{true, {}}; }
    static Access anyRole(std::vector<std::string> allowed) { return Access{true, std::move(allowed)}; }
    /// SDK 2 name of anyRole().
    static Access roles_(std::vector<std::string> allowed) { return anyRole(std::move(allowed)); }
};

struct Route {
    std::string method; ///< GET, POST, PATCH, PUT, DELETE
    std::string path;   ///< template, segments `:name` bind parameters
    Access access;
    Handler handler;
    /// The host answers 415/400 for bodies that are not JSON before the
    /// handler runs. A route speaking another format (Engine.IO polling
    /// payloads, uploads) sets this and reads `Request::body` itself.
    bool rawBody = false;
    /// false: never run this route on an I/O thread (see "Threads" above).
    bool mayRunInline = true;
};

class RouteRegistry {
public:
    virtual ~RouteRegistry() = default;
    /// Throws std::logic_error for a duplicate method+path or after the
    /// router was frozen.
    virtual void add(Route route) = 0;

    void get(const std::string& path, Access a, Handler h) { add({"GET", path, std::move(a), std::move(h)}); }
    void post(const std::string& path, Access a, Handler h) { add({"POST", path, std::move(a), std::move(h)}); }
    void patch(const std::string& path, Access a, Handler h) { add({"PATCH", path, std::move(a), std::move(h)}); }
    void put(const std::string& path, Access a, Handler h) { add({"PUT", path, std::move(a), std::move(h)}); }
    void del(const std::string& path, Access a, Handler h) { add({"DELETE", path, std::move(a), std::move(h)}); }
};

} // namespace motel::sdk
