#include <motel/sdk/RedisUrl.h>

#include <Poco/Exception.h>
#include <Poco/NumberParser.h>
#include <Poco/URI.h>

#include <stdexcept>

namespace motel::sdk {

RedisUrl RedisUrl::parse(const std::string& url) {
    Poco::URI uri;
    try {
        uri = Poco::URI(url);
    } catch (const Poco::Exception&) {
        throw std::invalid_argument("not a URL; expected redis://[user:password@]host:port[/db]");
    }
    RedisUrl parsed;
    const std::string scheme = uri.getScheme();
    if (scheme == "unix") {
        if (uri.getPath().empty()) throw std::invalid_argument("unix:// needs a socket path");
        parsed.unixSocket = uri.getPath();
        return parsed;
    }
    if (scheme != "redis")
        throw std::invalid_argument("scheme '" + scheme + "' is not supported; expected redis://host:port[/db]");
    if (!uri.getHost().empty()) parsed.host = uri.getHost();
    if (uri.getPort() != 0) parsed.port = uri.getPort();

    // Poco keeps the user info percent-encoded: split first, then decode, so
    // an encoded ':' (%3A) stays part of the password.
    const std::string userInfo = uri.getUserInfo();
    const auto colon = userInfo.find(':');
    if (colon == std::string::npos) {
        Poco::URI::decode(userInfo, parsed.password);
    } else {
        Poco::URI::decode(userInfo.substr(0, colon), parsed.username);
        Poco::URI::decode(userInfo.substr(colon + 1), parsed.password);
    }

    std::string path = uri.getPath();
    if (!path.empty() && path.front() == '/') path.erase(0, 1);
    if (!path.empty()) {
        int database = 0;
        if (!Poco::NumberParser::tryParse(path, database) || database < 0)
            throw std::invalid_argument("database '" + path + "' is not a non-negative number");
        parsed.database = database;
    }
    return parsed;
}

RedisUrl RedisUrl::withDatabase(int database) const {
    if (database < 0) throw std::invalid_argument("a Redis database number cannot be negative");
    RedisUrl copy = *this;
    copy.database = database;
    return copy;
}

std::string RedisUrl::describe() const {
    if (!unixSocket.empty()) return "unix://" + unixSocket + " (db " + std::to_string(database) + ")";
    return "redis://" + host + ":" + std::to_string(port) + "/" + std::to_string(database);
}

} // namespace motel::sdk
