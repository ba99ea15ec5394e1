#pragma once
// The request pipeline every HTTP request goes through after parsing:
// request id, CORS, routing (404/405), access (401/403), JSON body
// (415/400), the plugin's handler, error envelopes (the one place where
// exceptions become responses), security headers, audit events, HTTP
// metrics, the traffic window and the access log.

#include "routing/AccessGuard.h"
#include "routing/CorsPolicy.h"
#include "routing/HttpMetrics.h"
#include "routing/Router.h"
#include "routing/TrafficWindow.h"

#include <motel/sdk/Cache.h>
#include <motel/sdk/Events.h>
#include <motel/sdk/Metrics.h>
#include <motel/sdk/Request.h>
#include <motel/sdk/Response.h>

#include <Poco/Logger.h>

#include <atomic>
#include <cstdint>
#include <string>

namespace motel::host {

struct DispatcherOptions {
    std::vector<std::string> corsOrigins;
    /// Requests per client address per minute; 0 = no budget (the default).
    std::int64_t requestsPerMinute = 0;
    /// Write access-log lines for /health* and /metrics* too. Off by default:
    /// probes and scrapes every few seconds drown the log and cost throughput.
    bool logProbes = false;
};

class Dispatcher {
public:
    Dispatcher(const Router& router, sdk::MetricsRegistry& metrics, TrafficWindow& traffic, sdk::Cache& cache,
               DispatcherOptions options);

    void setAuthenticator(std::shared_ptr<sdk::Authenticator> authenticator) {
        guard_.setAuthenticator(std::move(authenticator));
    }
    /// Successful API mutations are published on `events` as `audit.request`
    /// (actorId, action, entity, entityId, status, requestId,
    /// clientAddress, at) for the audit log; no bus, no audit events.
    void setEventBus(sdk::EventBus* events) { events_ = events; }
    /// Never throws: every failure becomes an error response.
    void dispatch(sdk::Request& request, sdk::Response& response);

private:
    const Router& router_;
    HttpMetrics metrics_;
    TrafficWindow& traffic_;
    sdk::Cache& cache_;
    DispatcherOptions options_;
    CorsPolicy cors_;
    AccessGuard guard_;
    sdk::EventBus* events_ = nullptr;
    Poco::Logger& accessLog_;
    Poco::Logger& errorLog_;
    std::string idPrefix_;
    std::atomic<std::uint64_t> nextId_{1};

    void route(sdk::Request& request, sdk::Response& response, const std::string*& routeLabel);
    void chargeBudget(const sdk::Request& request);
    /// Whether the caller may call a route of `access`; else its 401 / 403
    /// is rendered into `response`.
    bool admitted(const sdk::Access& access, sdk::Request& request, sdk::Response& response) const;
    std::string requestIdFor(const sdk::Request& request);
    void publishAudit(const sdk::Request& request, const sdk::Response& response);
    static void addSecurityHeaders(sdk::Response& response);
    /// `Cache-Control: no-store` on every answer to an authenticated request
    /// and every /api error; the default of other /api answers.
    static void forbidCaching(const sdk::Request& request, sdk::Response& response);
    void record(const sdk::Request& request, const sdk::Response& response, const std::string& routeLabel,
                double milliseconds);
    /// A handler threw something that is not an HttpError: one error line
    /// with the request's fields (the client only gets a 500 envelope).
    void logFailure(const sdk::Request& request, const std::string& routeLabel, const std::string& what);
};

} // namespace motel::host
