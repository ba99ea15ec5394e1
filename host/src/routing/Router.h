#pragma once
// Matches a method and path to a registered route. Templates are split into
// segments; `:name` segments bind parameters, and a literal segment beats a
// parameter at the same position (`/api/tasks/mine` before `/api/tasks/:id`).
// A last segment `*name` makes a catch-all route (`/*path`: the dashboard's
// files) that binds the rest of the path, possibly empty. Catch-alls are the
// last resort: they are tried only when no other route matches the path
// with any method, they never cause a 405, and they leave other plugins'
// namespaces alone: a path whose segment at the catch-all's position is a
// literal another route has there (`api`, `health`, `socket.io` for `/*path`)
// stays that route's business, so `/api/nope` keeps the API's 401/404.
// Routes are added while plugins start; freeze() then makes the table
// read-only, so matching needs no lock. Matching runs per request: a route
// without parameters is found by one hash lookup of the path, and the general
// walk works on views into the path (no copies of segments).

#include <motel/sdk/Routes.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace motel::host {

struct RegisteredRoute {
    sdk::Route route;
    std::string owner; ///< the plugin that registered it
    std::vector<std::string> segments;
    /// Ends in a `*name` segment: matches any rest of the path.
    bool catchAll() const { return !segments.empty() && segments.back()[0] == '*'; }
};

struct RouteMatch {
    enum class Kind { found, methodNotAllowed, notFound };
    Kind kind = Kind::notFound;
    const RegisteredRoute* route = nullptr;
    std::map<std::string, std::string> params;
    std::vector<std::string> allowedMethods; ///< for 405's Allow header
};

class Router {
public:
    /// Throws std::logic_error for a malformed template, a duplicate
    /// method+template, or when frozen.
    void add(sdk::Route route, const std::string& owner);
    void freeze() { frozen_ = true; }
    bool frozen() const { return frozen_; }
    RouteMatch match(const std::string& method, const std::string& path) const;
    std::size_t size() const { return routes_.size(); }
    /// Every route, in registration order.
    const std::vector<RegisteredRoute>& routes() const { return routes_; }

    static std::vector<std::string> split(const std::string& path);

private:
    using Segments = std::vector<std::string_view>;
    /// A route whose segments are all literals, by method: such a route is
    /// the most specific one for its method and path, so it needs no walk.
    struct LiteralRoute {
        std::string method;
        std::size_t index; ///< in routes_ (which may still grow before freeze())
    };
    std::vector<RegisteredRoute> routes_;
    /// Literal routes by their path written canonically ("/a/b", "/" for none).
    std::unordered_map<std::string, std::vector<LiteralRoute>> literals_;
    bool frozen_ = false;

    static Segments splitView(std::string_view path);
    const RegisteredRoute* findLiteral(const std::string& method, const std::string& path) const;
    RouteMatch matchCatchAll(const std::string& method, const Segments& segments) const;
    /// True when a route other than a catch-all claims `segments[position]`
    /// as a literal after the same leading segments.
    bool claimedByAnotherRoute(const Segments& segments, std::size_t position) const;
};

/// The RouteRegistry a plugin sees: adds to the shared router under the
/// plugin's name.
class PluginRoutes : public sdk::RouteRegistry {
public:
    PluginRoutes(Router& router, std::string owner) : router_(router), owner_(std::move(owner)) {}
    void add(sdk::Route route) override { router_.add(std::move(route), owner_); }

private:
    Router& router_;
    std::string owner_;
};

} // namespace motel::host
