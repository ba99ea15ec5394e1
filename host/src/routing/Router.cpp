#include "routing/Router.h"

#include <algorithm>
#include <iterator>
#include <set>
#include <stdexcept>

namespace motel::host {

namespace {
const std::set<std::string> kMethods{"GET", "POST", "PUT", "PATCH", "DELETE"};
/// The `Allow` header lists methods in this (alphabetical) order; HEAD goes
/// with GET.
const std::string kHeadAnswersAs = "GET";
const char* const kAllowOrder[] = {"DELETE", "GET", "HEAD", "PATCH", "POST", "PUT"};

bool isParam(std::string_view segment) {
    return !segment.empty() && segment[0] == ':';
}
bool isRest(std::string_view segment) {
    return !segment.empty() && segment[0] == '*';
}
bool isLiteral(std::string_view segment) {
    return !isParam(segment) && !isRest(segment);
}

// Whether template segment `pattern` accepts path segment `actual`.
bool accepts(const std::string& pattern, std::string_view actual) {
    return isParam(pattern) || pattern == actual;
}

std::string joinFrom(const std::vector<std::string_view>& segments, std::size_t first) {
    std::string rest;
    for (std::size_t i = first; i < segments.size(); ++i) {
        if (i != first) rest += '/';
        rest.append(segments[i]);
    }
    return rest;
}

// Lower is more specific: a literal at an earlier position wins (the
// lexicographic order of "is a parameter" flags, segment by segment).
bool moreSpecific(const RegisteredRoute& a, const RegisteredRoute& b) {
    const std::size_t n = std::min(a.segments.size(), b.segments.size());
    for (std::size_t i = 0; i < n; ++i) {
        const bool aParam = isParam(a.segments[i]), bParam = isParam(b.segments[i]);
        if (aParam != bParam) return !aParam;
    }
    return a.segments.size() < b.segments.size();
}

// "/a/b" for segments a, b; "/" for none: the key of literal routes.
std::string canonicalPath(const std::vector<std::string>& segments) {
    std::string path;
    for (const auto& s : segments) path.append(1, '/').append(s);
    return path.empty() ? "/" : path;
}

// A request path already written as canonicalPath() would write it (no empty
// segment), so it can be looked up as it is.
bool isCanonical(const std::string& path) {
    if (path == "/") return true;
    if (path.empty() || path[0] != '/' || path.back() == '/') return false;
    return path.find("//") == std::string::npos;
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
    const bool literal = std::all_of(entry.segments.begin(), entry.segments.end(),
                                     [](const std::string& segment) { return isLiteral(segment); });
    if (literal) literals_[canonicalPath(entry.segments)].push_back({entry.route.method, routes_.size()});
    routes_.push_back(std::move(entry));
}

Router::Segments Router::splitView(std::string_view path) {
    Segments segments;
    segments.reserve(8);
    std::size_t start = 0;
    while (start < path.size()) {
        std::size_t slash = path.find('/', start);
        if (slash == std::string_view::npos) slash = path.size();
        if (slash > start) segments.push_back(path.substr(start, slash - start));
        start = slash + 1;
    }
    return segments;
}

const RegisteredRoute* Router::findLiteral(const std::string& method, const std::string& path) const {
    if (!isCanonical(path)) return nullptr;
    const auto found = literals_.find(path);
    if (found == literals_.end()) return nullptr;
    for (const LiteralRoute& literal : found->second)
        if (literal.method == method) return &routes_[literal.index];
    return nullptr;
}

RouteMatch Router::match(const std::string& method, const std::string& path) const {
    const std::string& wanted = method == "HEAD" ? kHeadAnswersAs : method;
    RouteMatch result;
    if (const RegisteredRoute* literal = findLiteral(wanted, path)) {
        result.kind = RouteMatch::Kind::found;
        result.route = literal;
        return result;
    }
    const Segments segments = splitView(path);
    const RegisteredRoute* best = nullptr;
    unsigned allowed = 0; // bits in kAllowOrder
    for (const auto& r : routes_) {
        if (r.segments.size() != segments.size() || r.catchAll()) continue;
        bool matches = true;
        for (std::size_t i = 0; i < segments.size() && matches; ++i) matches = accepts(r.segments[i], segments[i]);
        if (!matches) continue;
        for (std::size_t m = 0; m < std::size(kAllowOrder); ++m)
            if (r.route.method == kAllowOrder[m]) allowed |= 1u << m;
        if (r.route.method == wanted && (!best || moreSpecific(r, *best))) best = &r;
    }
    if (best) {
        result.kind = RouteMatch::Kind::found;
        result.route = best;
        for (std::size_t i = 0; i < segments.size(); ++i)
            if (isParam(best->segments[i])) result.params[best->segments[i].substr(1)] = std::string(segments[i]);
        return result;
    }
    if (allowed) {
        result.kind = RouteMatch::Kind::methodNotAllowed;
        for (std::size_t m = 0; m < std::size(kAllowOrder); ++m) {
            const bool head = std::string_view(kAllowOrder[m]) == "HEAD";
            if (head ? allowed & (1u << 1) : allowed & (1u << m)) result.allowedMethods.emplace_back(kAllowOrder[m]);
        }
        return result;
    }
    return matchCatchAll(wanted, segments);
}

RouteMatch Router::matchCatchAll(const std::string& method, const Segments& segments) const {
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
            (r.segments.size() == best->segments.size() && moreSpecific(r, *best)))
            best = &r;
    }
    if (!best) return result;
    const std::size_t prefix = best->segments.size() - 1;
    result.kind = RouteMatch::Kind::found;
    result.route = best;
    for (std::size_t i = 0; i < prefix; ++i)
        if (isParam(best->segments[i])) result.params[best->segments[i].substr(1)] = std::string(segments[i]);
    result.params[best->segments.back().substr(1)] = joinFrom(segments, prefix);
    return result;
}

bool Router::claimedByAnotherRoute(const Segments& segments, std::size_t position) const {
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
