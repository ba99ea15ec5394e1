#include "websocket/WebSocketHandshake.h"

#include <Poco/Base64Encoder.h>
#include <Poco/SHA1Engine.h>
#include <Poco/String.h>

#include <sstream>

namespace motel::realtime {

namespace {
const char* const kGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

bool headerHasToken(const std::string& value, const std::string& token) {
    std::istringstream in(value);
    std::string part;
    while (std::getline(in, part, ',')) {
        if (Poco::icompare(Poco::trim(part), token) == 0) return true;
    }
    return false;
}
} // namespace

bool WebSocketHandshake::isUpgradeRequest(const sdk::Request& request) {
    return headerHasToken(request.header("Upgrade"), "websocket");
}

std::string WebSocketHandshake::problemWith(const sdk::Request& request) {
    if (request.method != "GET") return "WebSocket upgrades use GET";
    if (!isUpgradeRequest(request)) return "missing Upgrade: websocket";
    if (!headerHasToken(request.header("Connection"), "upgrade")) return "missing Connection: Upgrade";
    if (Poco::trim(request.header("Sec-WebSocket-Version")) != "13") return "unsupported WebSocket version";
    if (Poco::trim(request.header("Sec-WebSocket-Key")).size() != 24) return "missing or bad Sec-WebSocket-Key";
    return {};
}

std::string WebSocketHandshake::acceptKey(const std::string& clientKey) {
    Poco::SHA1Engine sha1;
    sha1.update(clientKey + kGuid);
    const auto& digest = sha1.digest();
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.write(reinterpret_cast<const char*>(digest.data()), static_cast<std::streamsize>(digest.size()));
    encoder.close();
    return out.str();
}

void WebSocketHandshake::accept(const sdk::Request& request, sdk::Response& response) {
    response.status = 101;
    response.body.clear();
    response.setHeader("Upgrade", "websocket");
    response.setHeader("Connection", "Upgrade");
    response.setHeader("Sec-WebSocket-Accept", acceptKey(Poco::trim(request.header("Sec-WebSocket-Key"))));
}

} // namespace motel::realtime
