#include "RedisAddress.h"

#include <Poco/Exception.h>
#include <Poco/NumberParser.h>
#include <Poco/URI.h>

#include <stdexcept>

namespace motel::health {

RedisAddress RedisAddress::parse(const std::string& url) {
    Poco::URI uri;
    try {
        uri = Poco::URI(url);
    } catch (const Poco::Exception&) {
        throw std::invalid_argument("not a URL"); // the text may hold a password: never echo it
    }
    RedisAddress address;
    const std::string scheme = uri.getScheme();
    if (scheme == "unix") {
        if (uri.getPath().empty()) throw std::invalid_argument("unix:// needs a socket path");
        address.unixSocket = uri.getPath();
        return address;
    }
    if (scheme != "redis") throw std::invalid_argument("expected redis://host[:port][/db] or unix:///path");
    if (!uri.getHost().empty()) address.host = uri.getHost();
    if (uri.getPort() != 0) address.port = uri.getPort();

    // Poco keeps the user info percent-encoded; split first, then decode, so
    // an encoded ':' (%3A) stays part of the password.
    const std::string userInfo = uri.getUserInfo();
    const auto colon = userInfo.find(':');
    if (colon == std::string::npos) {
        Poco::URI::decode(userInfo, address.password);
    } else {
        Poco::URI::decode(userInfo.substr(0, colon), address.username);
        Poco::URI::decode(userInfo.substr(colon + 1), address.password);
    }

    std::string path = uri.getPath();
    if (!path.empty() && path.front() == '/') path.erase(0, 1);
    if (!path.empty()) {
        int database = 0;
        if (!Poco::NumberParser::tryParse(path, database) || database < 0)
            throw std::invalid_argument("database '" + path + "' is not a number");
        address.database = database;
    }
    return address;
}

std::string RedisAddress::describe() const {
    return unixSocket.empty() ? host + ":" + std::to_string(port) : unixSocket;
}

} // namespace motel::health
