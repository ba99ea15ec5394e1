#pragma once

#include <motel/sdk/Response.h>

#include <string>

namespace motel::host {

/// How a response goes on the wire, decided by the connection.
struct ResponseFraming {
    bool headRequest = false; ///< send headers (with the GET Content-Length) but no body
    bool keepAlive = true;    ///< false: `Connection: close`
    bool http10 = false;      ///< a kept-alive HTTP/1.0 client needs `Connection: keep-alive`
    bool upgrade = false;     ///< connection taken over: keep the handler's `Connection` header
};

/// Turns an sdk::Response into HTTP/1.1 bytes: status line, `Date`, the
/// handler's headers (minus framing headers the server owns:
/// Content-Length, Transfer-Encoding, Connection), our Content-Length and
/// Connection, then the body. 1xx, 204 and 304 never carry a body or a
/// Content-Length; HEAD carries the Content-Length but no body. CR and LF in
/// header names or values are replaced so a handler cannot split a response.
class ResponseSerializer {
public:
    static std::string serialize(const sdk::Response& response, const ResponseFraming& framing);
    /// A complete error response in the API envelope (via renderError).
    static std::string error(int status, const std::string& message, const ResponseFraming& framing);
    /// The interim answer to `Expect: 100-continue`.
    static const std::string& continueResponse();
    /// The reason phrase for any status the host may send ("OK", "Not Found").
    static const char* reasonPhrase(int status);
};

} // namespace motel::host
