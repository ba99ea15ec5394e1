#pragma once
/// Optional protection of `/metrics` and `/metrics/prometheus`: with
/// `plugins.metrics.token` set, a scrape must send
/// `Authorization: Bearer <that token>`; without it the endpoints are public
/// like the rest of `/metrics*` in the contract.
///
/// The token is a shared secret for Prometheus (its `authorization` /
/// `bearer_token` scrape setting), not a user JWT, so the host's JWT access
/// check does not apply: the routes are public to the host and this guard
/// checks the header itself, comparing in constant time.

#include <motel/sdk/Request.h>

#include <string>

namespace motel::metrics {

class MetricsTokenGuard {
public:
    /// An empty token disables the guard.
    explicit MetricsTokenGuard(std::string token);

    bool enabled() const { return !token_.empty(); }
    /// Throws sdk::Unauthorized (401 envelope, `WWW-Authenticate: Bearer`)
    /// when the guard is enabled and the request lacks the right token.
    void check(const sdk::Request& request) const;

    /// Equality whose running time depends only on the lengths, not on where
    /// the texts differ.
    static bool constantTimeEquals(const std::string& expected, const std::string& given);

private:
    std::string token_;
};

} // namespace motel::metrics
