#include "routing/Router.h"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace motel::host {

namespace {
const std::set<std::string> kMethods{"GET", "POST", "PUT", "PATCH", "DELETE"};

bool isParam(const std::string& segment) {
    return !segment.empty() && segment[0] == ':';
}
bool isRest(const std::string& segment) {
    return !segment.empty() && segment[0] == '*';
}
bool isLiteral(const std::string& segment) {
    return !isParam(segment) && !isRest(segment);
}

// Whether template segment `pattern` accepts path segment `actual`.
bool accepts(const std::string& pattern, const std::string& actual) {
    return isParam(pattern) || pattern == actual;
}

std::string joinFrom(const std::vector<std::string>& segments, std::size_t first) {
    std::string rest;
    for (std::size_t i = first; i < segments.size(); ++i) rest += (i == first ? "" : "/") + segments[i];
    return rest;
}

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
    for (std::size_t i = 0; i < entry.segments.size(); ++i) {
        const std::string& s = entry.segments[i];
        if (s == ":" || s == "*") throw std::logic_error("empty parameter name in '" + entry.route.path + "'");
        if (isRest(s) && i + 1 != entry.segments.size())
            throw std::logic_error("a '*' segment must be the last one: '" + entry.route.path + "'");
    }
    for (const auto& existing : routes_) {
        if (existing.route.method != entry.route.method || existing.segments.size() != entry.segments.size()) continue;
        bool same = true;
        for (std::size_t i = 0; i < entry.segments.size() && same; ++i) {
            const std::string& a = existing.segments[i];
            const std::string& b = entry.segments[i];
            same = (isParam(a) && isParam(b)) || (isRest(a) && isRest(b)) || (isLiteral(a) && a == b);
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
        if (r.segments.size() != segments.size() || r.catchAll()) continue;
        bool matches = true;
        for (std::size_t i = 0; i < segments.size() && matches; ++i) matches = accepts(r.segments[i], segments[i]);
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
        return result;
    }
    return matchCatchAll(wanted, segments);
}

RouteMatch Router::matchCatchAll(const std::string& method, const std::vector<std::string>& segments) const {
    RouteMatch result;
    const RegisteredRoute* best = nullptr;
    for (const auto& r : routes_) {
        if (!r.catchAll() || r.route.method != method) continue;
        const std::size_t prefix = r.segments.size() - 1;
        if (segments.size() < prefix) continue;
        bool matches = true;
        for (std::size_t i = 0; i < prefix && matches; ++i) matches = accepts(r.segments[i], segments[i]);
        if (!matches || (segments.size() > prefix && claimedByAnotherRoute(segments, prefix))) continue;
        // The longest fixed prefix is the most specific catch-all.
        if (!best || r.segments.size() > best->segments.size() ||
            (r.segments.size() == best->segments.size() && specificity(r) < specificity(*best)))
            best = &r;
    }
    if (!best) return result;
    const std::size_t prefix = best->segments.size() - 1;
    result.kind = RouteMatch::Kind::found;
    result.route = best;
    for (std::size_t i = 0; i < prefix; ++i)
        if (isParam(best->segments[i])) result.params[best->segments[i].substr(1)] = segments[i];
    result.params[best->segments.back().substr(1)] = joinFrom(segments, prefix);
    return result;
}

bool Router::claimedByAnotherRoute(const std::vector<std::string>& segments, std::size_t position) const {
    for (const auto& r : routes_) {
        if (r.segments.size() <= position || !isLiteral(r.segments[position]) ||
            r.segments[position] != segments[position])
            continue;
        bool samePrefix = true;
        for (std::size_t i = 0; i < position && samePrefix; ++i) samePrefix = accepts(r.segments[i], segments[i]);
        if (samePrefix) return true;
    }
    return false;
}

} // namespace motel::host
