#include "routing/Dispatcher.h"
#include "routing/ErrorEnvelope.h"
#include "routing/JsonBody.h"
#include "logging/RequestLogFields.h"
#include "services/ExceptionText.h"

#include <motel/sdk/Exchange.h>

#include <motel/sdk/Errors.h>
#include <motel/sdk/Time.h>

#include <Poco/JSON/Parser.h>
#include <Poco/Message.h>
#include <Poco/NumberFormatter.h>
#include <Poco/Random.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <string_view>

namespace motel::host {

namespace {
const std::string kUnmatchedRoute = "unmatched";
const std::string kPreflightRoute = "preflight";

bool equalsIgnoreCase(const std::string& a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

// Header lookups without copying the value (Request::header returns a copy).
const std::string* findHeader(const std::vector<std::pair<std::string, std::string>>& headers, std::string_view name) {
    for (const auto& [key, value] : headers)
        if (equalsIgnoreCase(key, name)) return &value;
    return nullptr;
}

/// The headers every answer carries unless the handler chose its own value.
struct DefaultHeader {
    std::string name;
    std::string value;
};
// JSON and text are never rendered as documents; a plugin serving HTML (the
// dashboard) sets its own Content-Security-Policy.
const DefaultHeader kSecurityHeaders[] = {
    {"X-Content-Type-Options", "nosniff"},
    {"X-Frame-Options", "DENY"},
    {"Referrer-Policy", "no-referrer"},
    {"Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"},
};
constexpr std::size_t kSecurityHeaderCount = sizeof kSecurityHeaders / sizeof kSecurityHeaders[0];
/// What a typical answer carries: Content-Type, Cache-Control, the security
/// headers, X-Request-Id, CORS; reserved once instead of growing 1, 2, 4, 8.
constexpr std::size_t kTypicalHeaderCount = 10;

bool isApiPath(const std::string& path) {
    return path == "/api" || path.rfind("/api/", 0) == 0;
}

// Probes, scrapes and long-polls say nothing about how fast the API serves
// people (and an unhealthy /health answering 503 must not keep itself
// unhealthy), so the traffic window behind the health alerts skips them.
bool isHealthProbe(const std::string& path) {
    return path.rfind("/health", 0) == 0;
}
bool isProbe(const std::string& path) {
    return isHealthProbe(path) || path.rfind("/metrics", 0) == 0;
}

bool countsAsTraffic(const std::string& path) {
    return !isProbe(path) && path.rfind("/socket.io", 0) != 0 && path.rfind("/engine.io", 0) != 0;
}

// Accept a caller's request id only when it is short and harmless in logs.
bool isSafeRequestId(const std::string& id) {
    return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
    });
}

// A decoded path may hold any byte: control characters are shown escaped
// (\x0A) in the text line, so a client cannot forge log lines.
std::string printable(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F)
            out += "\\x" + Poco::NumberFormatter::formatHex(byte, 2);
        else
            out += c;
    }
    return out;
}

// The request's facts as message fields (JSON logs show them as members);
// never a header, a query string or a body, so no secret can get in.
void addRequestFields(Poco::Message& message, const sdk::Request& request, const std::string& routeLabel) {
    message.set(logfields::requestId, request.requestId);
    message.set(logfields::method, request.method);
    message.set(logfields::route, routeLabel);
    message.set(logfields::path, request.path);
    message.set(logfields::client, request.remoteAddress);
    if (request.principal) message.set(logfields::userId, std::to_string(request.principal->id));
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
    return out;
}
} // namespace

Dispatcher::Dispatcher(const Router& router, sdk::MetricsRegistry& metrics, TrafficWindow& traffic, sdk::Cache& cache,
                       DispatcherOptions options)
    : router_(router), metrics_(metrics), traffic_(traffic), cache_(cache), options_(std::move(options)),
      cors_(options_.corsOrigins), accessLog_(Poco::Logger::get("motel.access")),
      errorLog_(Poco::Logger::get("motel.http")) {
    Poco::Random random;
    random.seed();
    idPrefix_ = Poco::NumberFormatter::formatHex(random.next(), 8) + "-";
}

std::string Dispatcher::requestIdFor(const sdk::Request& request) {
    const std::string* given = findHeader(request.headers, "X-Request-Id");
    if (given && isSafeRequestId(*given)) return *given;
    char digits[24];
    const auto [end, error] =
        std::to_chars(digits, digits + sizeof digits, nextId_.fetch_add(1, std::memory_order_relaxed));
    std::string id;
    id.reserve(idPrefix_.size() + static_cast<std::size_t>(end - digits));
    id.append(idPrefix_).append(digits, end);
    return id;
}

void Dispatcher::dispatch(sdk::Request& request, sdk::Response& response) {
    const auto started = std::chrono::steady_clock::now();
    // The route's template once matched (it lives as long as the router), a
    // fixed word before that: a label, never a raw path.
    const std::string* routeLabel = &kUnmatchedRoute;
    response.headers.reserve(kTypicalHeaderCount);
    try {
        request.requestId = requestIdFor(request);
        route(request, response, routeLabel);
    } catch (const sdk::HttpError& error) {
        renderError(error, response);
    } catch (...) {
        logFailure(request, *routeLabel, describeCurrentException());
        renderError(500, "Internal server error", response);
    }
    try {
        cors_.decorate(request, response);
        addSecurityHeaders(response);
        forbidCaching(request, response);
        response.setHeader("X-Request-Id", request.requestId);
        if (routeLabel != &kUnmatchedRoute && response.status < 400) publishAudit(request, response);
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        record(request, response, *routeLabel, ms);
    } catch (...) {
        // Bookkeeping must never turn an answer into a failure.
    }
}

void Dispatcher::route(sdk::Request& request, sdk::Response& response, const std::string*& routeLabel) {
    if (cors_.isPreflight(request)) {
        routeLabel = &kPreflightRoute;
        cors_.answerPreflight(request, response);
        return;
    }
    chargeBudget(request);
    RouteMatch match = router_.match(request.method, request.path);
    if (match.kind == RouteMatch::Kind::found) {
        const sdk::Route& route = match.route->route;
        routeLabel = &route.path;
        request.routeTemplate = route.path;
        request.params = std::move(match.params);
        if (!route.mayRunInline && request.exchange) request.exchange->keepOnWorkerThreads();
        if (!admitted(route.access, request, response)) return;
        if (!route.rawBody) request.json = JsonBody::parse(request);
        route.handler(request, response);
        return;
    }
    // Behind the API prefix an anonymous caller learns nothing about which
    // paths exist: authentication comes first, as it would for a real route.
    if (isApiPath(request.path) && guard_.hasAuthenticator()) {
        request.principal = guard_.identify(request);
        if (!request.principal) {
            renderError(sdk::Unauthorized(), response);
            return;
        }
    }
    if (match.kind == RouteMatch::Kind::methodNotAllowed) {
        if (request.method == "OPTIONS") {
            response.noContent();
            response.setHeader("Allow", joined(match.allowedMethods));
            return;
        }
        // Rendered, not thrown: unwinding cost more than the rest of a 404.
        renderError(sdk::HttpError(405, "Cannot " + request.method + " " + request.path)
                        .withHeader("Allow", joined(match.allowedMethods)),
                    response);
        return;
    }
    renderError(sdk::NotFound("Cannot " + request.method + " " + request.path), response);
}

bool Dispatcher::admitted(const sdk::Access& access, sdk::Request& request, sdk::Response& response) const {
    // Rendered, not thrown, like 404 and 405.
    switch (guard_.admit(access, request)) {
    case AccessGuard::Verdict::admitted:
        return true;
    case AccessGuard::Verdict::unauthorized:
        renderError(sdk::Unauthorized(), response);
        return false;
    case AccessGuard::Verdict::forbidden:
        renderError(sdk::Forbidden(), response);
        return false;
    }
    return false;
}

void Dispatcher::chargeBudget(const sdk::Request& request) {
    // An orchestrator or load balancer probing /health must always get its
    // answer: a 429 would read as "host down" and pull a healthy host.
    if (options_.requestsPerMinute <= 0 || isHealthProbe(request.path)) return;
    const std::string key = "host:budget:" + request.remoteAddress;
    const auto used = cache_.increment(key, std::chrono::minutes(1));
    if (used > options_.requestsPerMinute) {
        const auto left = cache_.ttl(key).value_or(std::chrono::seconds(60));
        throw sdk::TooManyRequests(
            "Too many requests", static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(left).count()) + 1);
    }
}

void Dispatcher::addSecurityHeaders(sdk::Response& response) {
    // One pass over the handler's headers. A header it set with an empty
    // value counts as absent and gets the default in its place.
    enum class Seen { absent, empty, set };
    Seen seen[kSecurityHeaderCount] = {};
    for (const auto& [name, value] : response.headers)
        for (std::size_t i = 0; i < kSecurityHeaderCount; ++i)
            if (equalsIgnoreCase(name, kSecurityHeaders[i].name))
                seen[i] = value.empty() && seen[i] != Seen::set ? Seen::empty : Seen::set;
    for (std::size_t i = 0; i < kSecurityHeaderCount; ++i) {
        if (seen[i] == Seen::absent)
            response.headers.emplace_back(kSecurityHeaders[i].name, kSecurityHeaders[i].value);
        else if (seen[i] == Seen::empty)
            response.setHeader(kSecurityHeaders[i].name, kSecurityHeaders[i].value);
    }
}

void Dispatcher::forbidCaching(const sdk::Request& request, sdk::Response& response) {
    // Whatever a signed-in caller gets back (and any error from the API) is
    // private: no browser or proxy cache may keep it, whatever the route
    // said (a shared cache keeping one user's answer serves it to the next).
    // A public /api answer (the API docs' files) may choose its own caching.
    const bool api = isApiPath(request.path);
    if (request.principal || (api && response.status >= 400))
        response.setHeader("Cache-Control", "no-store");
    else if (api && response.header("Cache-Control").empty())
        response.setHeader("Cache-Control", "no-store");
}

void Dispatcher::publishAudit(const sdk::Request& request, const sdk::Response& response) {
    if (!events_ || !isApiPath(request.path)) return;
    const std::string& method = request.method;
    if (method != "POST" && method != "PUT" && method != "PATCH" && method != "DELETE") return;
    Poco::JSON::Object::Ptr audit = new Poco::JSON::Object;
    if (request.principal)
        audit->set("actorId", request.principal->id);
    else
        audit->set("actorId", Poco::Dynamic::Var());
    audit->set("action", method + " " + request.routeTemplate);
    // The entity is the collection the route is about: /api/<entity>/...
    const auto segments = Router::split(request.routeTemplate);
    audit->set("entity", segments.size() > 1 ? segments[1] : std::string());
    std::string entityId = request.param("id");
    if (entityId.empty() && response.status == 201) {
        // A creation: the new resource's id is in the body.
        try {
            auto created = Poco::JSON::Parser().parse(response.body).extract<Poco::JSON::Object::Ptr>();
            if (created && created->has("id")) entityId = created->get("id").toString();
        } catch (...) {
        }
    }
    audit->set("entityId", entityId);
    audit->set("status", response.status);
    audit->set("requestId", request.requestId);
    audit->set("clientAddress", request.remoteAddress);
    audit->set("at", sdk::nowTimestamp());
    events_->publish("audit.request", audit);
}

void Dispatcher::record(const sdk::Request& request, const sdk::Response& response, const std::string& routeLabel,
                        double milliseconds) {
    metrics_.record(request.method, routeLabel, response.status, milliseconds / 1000.0, !isHealthProbe(request.path));
    if (countsAsTraffic(request.path)) traffic_.record(response.status, milliseconds);
    if (accessLog_.information() && (options_.logProbes || !isProbe(request.path))) {
        Poco::Message line(accessLog_.name(),
                           request.method + " " + printable(request.path) + " " + std::to_string(response.status) +
                               " " + Poco::NumberFormatter::format(milliseconds, 1) + "ms " + request.remoteAddress +
                               " rid=" + request.requestId,
                           Poco::Message::PRIO_INFORMATION);
        addRequestFields(line, request, routeLabel);
        line.set(logfields::status, std::to_string(response.status));
        line.set(logfields::durationMs, Poco::NumberFormatter::format(milliseconds, 3));
        accessLog_.log(line);
    }
}

void Dispatcher::logFailure(const sdk::Request& request, const std::string& routeLabel, const std::string& what) {
    if (!errorLog_.error()) return;
    Poco::Message line(errorLog_.name(),
                       "request " + request.requestId + " " + request.method + " " + routeLabel + " failed: " + what,
                       Poco::Message::PRIO_ERROR);
    addRequestFields(line, request, routeLabel);
    errorLog_.log(line);
}

} // namespace motel::host
