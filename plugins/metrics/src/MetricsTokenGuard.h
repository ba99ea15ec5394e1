#pragma once
/// Protection of `/metrics` and `/metrics/prometheus`: open (public, like
/// `/health*`), a token (a scrape must send `Authorization: Bearer <token>`),
/// or closed (403 to everyone: a production host whose operator chose
/// neither, see MetricsAccess).
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
    /// An empty token disables the guard (open).
    explicit MetricsTokenGuard(std::string token);
    /// A guard that refuses every scrape.
    static MetricsTokenGuard closed();

    bool enabled() const { return !token_.empty() || closed_; }
    bool isClosed() const { return closed_; }
    /// Throws sdk::Unauthorized (401 envelope, `WWW-Authenticate: Bearer`)
    /// when a token is required and the request lacks it; sdk::Forbidden when
    /// the guard is closed.
    void check(const sdk::Request& request) const;

    /// Equality whose running time depends only on the lengths, not on where
    /// the texts differ.
    static bool constantTimeEquals(const std::string& expected, const std::string& given);

private:
    std::string token_;
    bool closed_ = false;
};

} // namespace motel::metrics
