#pragma once
/// Route registration. A plugin adds its routes while it starts; the host
/// freezes the router once every plugin has started.

#include <motel/sdk/Request.h>
#include <motel/sdk/Response.h>

#include <functional>
#include <string>
#include <vector>

namespace motel::sdk {

using Handler = std::function<void(const Request&, Response&)>;

/// Who may call a route. The host checks it before the handler runs and
/// answers 401 (no/invalid token) or 403 (role not allowed) itself.
struct Access {
    bool requiresAuthentication = true;
    std::vector<std::string> roles; ///< empty: any authenticated role

    static Access publicRoute() { return Access{false, {}}; }
    static Access authenticated() { return Access{true, {}}; }
    static Access roles_(std::vector<std::string> allowed) { return Access{true, std::move(allowed)}; }
    static Access managers() { return roles_({"admin", "manager"}); }
    static Access admins() { return roles_({"admin"}); }
};

struct Route {
    std::string method;   ///< GET, POST, PATCH, PUT, DELETE
    std::string path;     ///< template, segments `:name` bind parameters
    Access access;
    Handler handler;
    /// The host answers 415/400 for bodies that are not JSON before the
    /// handler runs. A route speaking another format (Engine.IO polling
    /// payloads, uploads) sets this and reads `Request::body` itself.
    bool rawBody = false;
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
