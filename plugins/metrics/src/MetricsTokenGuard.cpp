#include "MetricsTokenGuard.h"

#include <motel/sdk/Errors.h>

#include <algorithm>
#include <cctype>

namespace motel::metrics {

namespace {

/// The credentials of `Authorization: Bearer <credentials>` (scheme matched
/// case-insensitively, as RFC 7235 says); empty when the header is another scheme.
std::string bearerCredentials(const std::string& header) {
    static const std::string scheme = "bearer";
    if (header.size() <= scheme.size() ||
        !std::equal(scheme.begin(), scheme.end(), header.begin(),
                    [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); }) ||
        header[scheme.size()] != ' ')
        return {};
    std::string credentials = header.substr(scheme.size() + 1);
    const auto first = credentials.find_first_not_of(' ');
    const auto last = credentials.find_last_not_of(' ');
    return first == std::string::npos ? std::string() : credentials.substr(first, last - first + 1);
}

} // namespace

MetricsTokenGuard::MetricsTokenGuard(std::string token) : token_(std::move(token)) {}

MetricsTokenGuard MetricsTokenGuard::closed() {
    MetricsTokenGuard guard("");
    guard.closed_ = true;
    return guard;
}

void MetricsTokenGuard::check(const sdk::Request& request) const {
    if (closed_) throw sdk::Forbidden("Metrics are not public on this host");
    if (!enabled()) return;
    if (constantTimeEquals(token_, bearerCredentials(request.header("Authorization")))) return;
    sdk::Unauthorized denied;
    denied.withHeader("WWW-Authenticate", "Bearer realm=\"metrics\"");
    throw denied;
}

bool MetricsTokenGuard::constantTimeEquals(const std::string& expected, const std::string& given) {
    // Walk the whole given text and fold every difference (and the length
    // difference) into one value, so timing reveals no matching prefix.
    unsigned char difference = expected.size() == given.size() ? 0 : 1;
    for (std::size_t i = 0; i < given.size(); ++i) {
        const unsigned char want = expected.empty() ? 0 : static_cast<unsigned char>(expected[i % expected.size()]);
        difference |= static_cast<unsigned char>(want ^ static_cast<unsigned char>(given[i]));
    }
    return difference == 0 && !expected.empty();
}

} // namespace motel::metrics
