// Fuzzes routing as the host does it for every request: the raw target is
// decoded (percent-encoding, query), then the path is matched against the
// standard plugins' route table. Checks that a match binds exactly the
// template's parameters and that 405 always names the allowed methods.
#include "http/RequestTarget.h"
#include "routing/Router.h"

#include <motel/sdk/Errors.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace {
void check(bool condition) {
    if (!condition) __builtin_trap();
}

motel::host::Router makeRouter() {
    motel::host::Router router;
    const auto handler = [](const motel::sdk::Request&, motel::sdk::Response&) {};
    const char* const routes[][2] = {
        {"POST", "/api/auth/login"},
        {"GET", "/api/auth/me"},
        {"GET", "/api/users"},
        {"POST", "/api/users"},
        {"GET", "/api/users/:id"},
        {"PATCH", "/api/users/:id"},
        {"DELETE", "/api/users/:id"},
        {"GET", "/api/audit"},
        {"GET", "/api/suites"},
        {"POST", "/api/suites"},
        {"GET", "/api/suites/:id"},
        {"PATCH", "/api/suites/:id"},
        {"DELETE", "/api/suites/:id"},
        {"GET", "/api/suites/:id/history"},
        {"GET", "/api/tasks"},
        {"POST", "/api/tasks"},
        {"GET", "/api/tasks/mine"},
        {"GET", "/api/tasks/:id"},
        {"PATCH", "/api/tasks/:id"},
        {"DELETE", "/api/tasks/:id"},
        {"POST", "/api/tasks/:id/start"},
        {"POST", "/api/tasks/:id/complete"},
        {"POST", "/api/tasks/:id/release"},
        {"POST", "/api/tasks/:id/cancel"},
        {"POST", "/api/tasks/:id/reopen"},
        {"GET", "/health"},
        {"GET", "/health/live"},
        {"GET", "/health/ready"},
        {"GET", "/metrics"},
        {"GET", "/metrics/prometheus"},
        {"GET", "/socket.io"},
        {"POST", "/socket.io"},
        {"GET", "/:a/:b/:c/:d"},
    };
    for (const auto& r : routes) router.add(motel::sdk::Route{r[0], r[1], {}, handler}, "fuzz");
    router.freeze();
    return router;
}

std::size_t parameterCount(const std::vector<std::string>& segments) {
    std::size_t n = 0;
    for (const auto& s : segments) n += !s.empty() && s[0] == ':';
    return n;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const motel::host::Router router = makeRouter();
    // "<METHOD> <target>": the method up to the first space, as on the wire.
    const std::string input(reinterpret_cast<const char*>(data), size);
    const std::size_t space = input.find(' ');
    const std::string method = space == std::string::npos ? "GET" : input.substr(0, space);
    const std::string target = space == std::string::npos ? input : input.substr(space + 1);

    motel::host::RequestTarget decoded;
    try {
        decoded = motel::host::RequestTarget::decode(target);
    } catch (const motel::sdk::HttpError& error) {
        check(error.status() == 400);
        return 0;
    }
    const auto match = router.match(method, decoded.path);
    using Kind = motel::host::RouteMatch::Kind;
    if (match.kind == Kind::found) {
        check(match.route != nullptr);
        check(match.params.size() <= parameterCount(match.route->segments));
        for (const auto& [name, value] : match.params) check(!name.empty() && !value.empty());
    } else if (match.kind == Kind::methodNotAllowed) {
        check(!match.allowedMethods.empty());
    }
    return 0;
}
