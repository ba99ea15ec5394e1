#pragma once
/// The server side of the RFC 6455 opening handshake on top of the host's
/// HTTP: checks the upgrade request and writes the 101 response with
/// `Sec-WebSocket-Accept` (SHA-1 of key + GUID, base64, via Poco).

#include <motel/sdk/Request.h>
#include <motel/sdk/Response.h>

#include <string>

namespace motel::realtime {

class WebSocketHandshake {
public:
    /// True when the request asks for a WebSocket upgrade at all
    /// (`Upgrade: websocket`).
    static bool isUpgradeRequest(const sdk::Request& request);
    /// Empty when the request is a valid version 13 upgrade; otherwise why not.
    static std::string problemWith(const sdk::Request& request);
    /// The `Sec-WebSocket-Accept` value for a client's key.
    static std::string acceptKey(const std::string& clientKey);
    /// 101 Switching Protocols for `request`.
    static void accept(const sdk::Request& request, sdk::Response& response);
};

} // namespace motel::realtime
