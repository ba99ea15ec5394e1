#include "routing/Router.h"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace motel::host {

namespace {
const std::set<std::string> kMethods{"GET", "POST", "PUT", "PATCH", "DELETE"};

bool isParam(const std::string& segment) { return !segment.empty() && segment[0] == ':'; }

// Lower is more specific: a literal at an earlier position wins.
std::vector<int> specificity(const RegisteredRoute& r) {
    std::vector<int> score;
    for (const auto& s : r.segments) score.push_back(isParam(s) ? 1 : 0);
    return score;
}
} // namespace

std::vector<std::string> Router::split(const std::string& path) {
    std::vector<std::string> segments;
    std::size_t start = 0;
    while (start < path.size()) {
        std::size_t slash = path.find('/', start);
        if (slash == std::string::npos) slash = path.size();
        if (slash > start) segments.push_back(path.substr(start, slash - start));
        start = slash + 1;
    }
    return segments;
}

void Router::add(sdk::Route route, const std::string& owner) {
    if (frozen_) throw std::logic_error("routes can only be added while plugins start (" + route.path + ")");
    if (!kMethods.count(route.method)) throw std::logic_error("unsupported method '" + route.method + "'");
    if (route.path.empty() || route.path[0] != '/')
        throw std::logic_error("route path must start with '/': '" + route.path + "'");
    if (!route.handler) throw std::logic_error("route " + route.method + " " + route.path + " has no handler");
    RegisteredRoute entry{std::move(route), owner, {}};
    entry.segments = split(entry.route.path);
    for (const auto& s : entry.segments)
        if (s == ":") throw std::logic_error("empty parameter name in '" + entry.route.path + "'");
    for (const auto& existing : routes_) {
        if (existing.route.method != entry.route.method || existing.segments.size() != entry.segments.size())
            continue;
        bool same = true;
        for (std::size_t i = 0; i < entry.segments.size() && same; ++i) {
            const bool a = isParam(existing.segments[i]), b = isParam(entry.segments[i]);
            same = (a && b) || (!a && !b && existing.segments[i] == entry.segments[i]);
        }
        if (same)
            throw std::logic_error("route " + entry.route.method + " " + entry.route.path + " (plugin " + owner +
                                   ") is already registered by plugin " + existing.owner);
    }
    routes_.push_back(std::move(entry));
}

RouteMatch Router::match(const std::string& method, const std::string& path) const {
    const auto segments = split(path);
    const std::string wanted = method == "HEAD" ? "GET" : method;
    RouteMatch result;
    const RegisteredRoute* best = nullptr;
    std::set<std::string> allowed;
    for (const auto& r : routes_) {
        if (r.segments.size() != segments.size()) continue;
        bool matches = true;
        for (std::size_t i = 0; i < segments.size() && matches; ++i)
            matches = isParam(r.segments[i]) || r.segments[i] == segments[i];
        if (!matches) continue;
        allowed.insert(r.route.method);
        if (r.route.method == wanted && (!best || specificity(r) < specificity(*best))) best = &r;
    }
    if (best) {
        result.kind = RouteMatch::Kind::found;
        result.route = best;
        for (std::size_t i = 0; i < segments.size(); ++i)
            if (isParam(best->segments[i])) result.params[best->segments[i].substr(1)] = segments[i];
        return result;
    }
    if (!allowed.empty()) {
        result.kind = RouteMatch::Kind::methodNotAllowed;
        if (allowed.count("GET")) allowed.insert("HEAD");
        result.allowedMethods.assign(allowed.begin(), allowed.end());
    }
    return result;
}

} // namespace motel::host
