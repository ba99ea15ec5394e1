#include "db/DatabaseUrl.h"

#include <motel/sdk/Settings.h>

#include <Poco/NumberParser.h>
#include <Poco/Path.h>
#include <Poco/URI.h>

#include <algorithm>
#include <cctype>
#include <set>

namespace motel::host {

namespace {

const std::set<std::string> kSslModes{"disable", "allow", "prefer", "require", "verify-ca", "verify-full"};
const std::set<std::string> kPostgresParameters{
    "sslmode", "connect_timeout", "application_name", "sslrootcert", "sslcert", "sslkey", "host", "port"};

/// The URL as typed, with whatever sits between `user:` and the last `@`
/// hidden: used in messages about URLs that did not parse.
std::string redactRaw(const std::string& url) {
    const auto scheme = url.find("://");
    const auto at = url.rfind('@');
    if (scheme == std::string::npos || at == std::string::npos || at < scheme) return url;
    const auto colon = url.find(':', scheme + 3);
    if (colon == std::string::npos || colon > at) return url;
    return url.substr(0, colon + 1) + "***" + url.substr(at);
}

[[noreturn]] void fail(const std::string& url, const std::string& problem) {
    throw sdk::ConfigError("db.url='" + redactRaw(url) + "': " + problem);
}

std::string decode(const std::string& url, const std::string& text, const char* what) {
    try {
        std::string decoded;
        Poco::URI::decode(text, decoded);
        return decoded;
    } catch (const Poco::Exception&) {
        fail(url, std::string("bad percent-encoding in the ") + what);
    }
}

std::string encode(const std::string& text) {
    std::string encoded;
    Poco::URI::encode(text, ":@/?#[]%&=+ ", encoded);
    return encoded;
}

/// Quotes a libpq connection-string value when it holds a quote or a
/// backslash; spaces were refused while parsing.
std::string libpqValue(const std::string& value) {
    if (!value.empty() && value.find_first_of("'\\") == std::string::npos) return value;
    std::string quoted = "'";
    for (char c : value) {
        if (c == '\'' || c == '\\') quoted += '\\';
        quoted += c;
    }
    return quoted + "'";
}

/// A TCP port from the URL or its ?port= parameter.
int portNumber(const std::string& url, const std::string& text) {
    unsigned port = 0;
    if (!Poco::NumberParser::tryParseUnsigned(text, port) || port == 0 || port > 65535)
        fail(url, "port '" + text + "' is not a number between 1 and 65535");
    return static_cast<int>(port);
}

bool hasSpace(const std::string& text) {
    return std::any_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c) != 0; });
}

} // namespace

DatabaseUrl DatabaseUrl::parse(const std::string& url, const std::string& baseDir) {
    if (url.rfind("sqlite:", 0) == 0) return parseSqlite(url.substr(7), baseDir);
    if (url.rfind("postgresql://", 0) == 0) return parsePostgres(url, url.substr(13));
    if (url.rfind("postgres://", 0) == 0) return parsePostgres(url, url.substr(11));
    fail(url, "expected sqlite:PATH or postgresql://user:password@host:port/database");
}

DatabaseUrl DatabaseUrl::parseSqlite(const std::string& rest, const std::string& baseDir) {
    std::string path = rest.rfind("//", 0) == 0 ? rest.substr(2) : rest;
    if (path.empty()) fail("sqlite:" + rest, "expected sqlite:PATH with a file path");
    DatabaseUrl parsed;
    parsed.dialect_ = sdk::Dialect::sqlite;
    if (path != ":memory:") {
        Poco::Path file(path);
        if (file.isRelative() && !baseDir.empty())
            file = Poco::Path(Poco::Path(baseDir).makeDirectory(), file);
        else if (file.isRelative())
            file.makeAbsolute();
        path = file.toString();
    }
    parsed.path_ = path;
    return parsed;
}

DatabaseUrl DatabaseUrl::parsePostgres(const std::string& url, const std::string& rest) {
    DatabaseUrl parsed;
    parsed.dialect_ = sdk::Dialect::postgresql;
    const auto query = rest.find('?');
    const std::string main = rest.substr(0, query);
    // The last '@' ends the credentials, so an unencoded '@' in a password still works.
    const auto at = main.rfind('@');
    if (at != std::string::npos) parsed.readCredentials(url, main.substr(0, at));
    parsed.readLocation(url, at == std::string::npos ? main : main.substr(at + 1));
    if (query != std::string::npos) parsed.readParameters(url, rest.substr(query + 1));
    if (parsed.host_.empty()) fail(url, "expected a host (postgresql://user:password@host:port/database)");
    parsed.refuseSpaces(url);
    return parsed;
}

void DatabaseUrl::readCredentials(const std::string& url, const std::string& credentials) {
    if (credentials.empty()) return;
    const auto colon = credentials.find(':');
    user_ = decode(url, credentials.substr(0, colon), "user name");
    if (colon != std::string::npos) password_ = decode(url, credentials.substr(colon + 1), "password");
}

void DatabaseUrl::readLocation(const std::string& url, const std::string& location) {
    const auto slash = location.find('/');
    if (slash == std::string::npos || slash + 1 == location.size())
        fail(url, "expected a database name after the host (postgresql://user:password@host:port/database)");
    database_ = decode(url, location.substr(slash + 1), "database name");
    if (database_.find('/') != std::string::npos) fail(url, "the database name may not contain '/'");

    const std::string hostPort = location.substr(0, slash);
    std::string portText;
    if (!hostPort.empty() && hostPort.front() == '[') { // [::1]:5432
        const auto close = hostPort.find(']');
        if (close == std::string::npos) fail(url, "unterminated '[' in the host");
        host_ = hostPort.substr(1, close - 1);
        if (close + 1 < hostPort.size()) {
            if (hostPort[close + 1] != ':') fail(url, "expected ':port' after ']'");
            portText = hostPort.substr(close + 2);
        }
    } else {
        const auto colon = hostPort.rfind(':');
        host_ = hostPort.substr(0, colon);
        if (colon != std::string::npos) portText = hostPort.substr(colon + 1);
    }
    if (!portText.empty()) port_ = portNumber(url, portText);
}

void DatabaseUrl::readParameters(const std::string& url, const std::string& queryText) {
    const Poco::URI::QueryParameters parameters = [&] {
        try {
            return Poco::URI("x:?" + queryText).getQueryParameters();
        } catch (const Poco::Exception&) {
            fail(url, "bad query string");
        }
    }();
    for (const auto& [key, value] : parameters) {
        if (kPostgresParameters.count(key) == 0)
            fail(url, "unknown parameter '" + key +
                          "' (supported: sslmode, connect_timeout, application_name, sslrootcert, sslcert, sslkey, "
                          "host, port)");
        parameters_[key] = value;
    }
    if (auto mode = parameters_.find("sslmode"); mode != parameters_.end() && kSslModes.count(mode->second) == 0)
        fail(url,
             "sslmode '" + mode->second + "' is not one of disable, allow, prefer, require, verify-ca, verify-full");
    if (auto timeout = parameters_.find("connect_timeout"); timeout != parameters_.end()) {
        unsigned seconds = 0;
        if (!Poco::NumberParser::tryParseUnsigned(timeout->second, seconds))
            fail(url, "connect_timeout '" + timeout->second + "' is not a whole number of seconds");
    }
    // host and port as parameters (a socket folder) become the fields themselves.
    if (auto socketDir = parameters_.find("host"); socketDir != parameters_.end()) {
        if (!host_.empty()) fail(url, "give the host either in the URL or as ?host=, not both");
        host_ = socketDir->second;
        parameters_.erase(socketDir);
    }
    if (auto port = parameters_.find("port"); port != parameters_.end()) {
        port_ = portNumber(url, port->second);
        parameters_.erase(port);
    }
}

void DatabaseUrl::refuseSpaces(const std::string& url) const {
    // Poco's PostgreSQL connector splits its connection string on spaces.
    const bool spaced =
        hasSpace(user_) || hasSpace(password_) || hasSpace(database_) || hasSpace(host_) ||
        std::any_of(parameters_.begin(), parameters_.end(), [](const auto& entry) { return hasSpace(entry.second); });
    if (spaced)
        fail(url, "user, password, database and parameters may not contain spaces (Poco's PostgreSQL connector cannot "
                  "pass them)");
}

std::string DatabaseUrl::connector() const {
    return dialect_ == sdk::Dialect::sqlite ? "sqlite" : "postgresql";
}

std::string DatabaseUrl::connectionString(int defaultConnectTimeoutSeconds) const {
    if (dialect_ == sdk::Dialect::sqlite) return path_;
    std::string text =
        "host=" + libpqValue(host_) + " port=" + std::to_string(port_) + " dbname=" + libpqValue(database_);
    if (!user_.empty()) text += " user=" + libpqValue(user_);
    if (!password_.empty()) text += " password=" + libpqValue(password_);
    for (const auto& [key, value] : parameters_) text += " " + key + "=" + libpqValue(value);
    if (parameters_.count("connect_timeout") == 0)
        text += " connect_timeout=" + std::to_string(std::max(2, defaultConnectTimeoutSeconds));
    return text;
}

std::string DatabaseUrl::format(bool withPassword) const {
    if (dialect_ == sdk::Dialect::sqlite) return "sqlite:" + path_;
    std::string text = "postgresql://";
    if (!user_.empty()) {
        text += encode(user_);
        if (!password_.empty()) text += ":" + (withPassword ? encode(password_) : std::string("***"));
        text += "@";
    }
    const bool socketDir = !host_.empty() && host_.front() == '/';
    if (!socketDir) text += host_.find(':') != std::string::npos ? "[" + host_ + "]" : host_;
    if (!socketDir) text += ":" + std::to_string(port_);
    text += "/" + encode(database_);
    std::string query;
    for (const auto& [key, value] : parameters_) query += (query.empty() ? "?" : "&") + key + "=" + encode(value);
    if (socketDir) query += (query.empty() ? "?" : "&") + std::string("host=") + encode(host_);
    if (socketDir && port_ != 5432) query += "&port=" + std::to_string(port_);
    return text + query;
}

std::string DatabaseUrl::redacted() const {
    return format(false);
}

std::string DatabaseUrl::toString() const {
    return format(true);
}

DatabaseUrl DatabaseUrl::withDatabase(const std::string& database) const {
    DatabaseUrl copy = *this;
    copy.database_ = database;
    return copy;
}

} // namespace motel::host
