#pragma once
/// Poco's SessionPool with a setup step for every new connection (SQLite's
/// pragmas are per connection: WAL, foreign keys, busy timeout).
///
/// Poco 1.11's pool throws at once when it is exhausted and connects while
/// holding its lock; SqlDatabase puts a counting semaphore of the same size
/// in front of it, so callers wait (bounded) instead of failing.

#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>

#include <functional>
#include <string>

namespace motel::host {

class ConfiguredSessionPool : public Poco::Data::SessionPool {
public:
    using Setup = std::function<void(Poco::Data::Session&)>;

    ConfiguredSessionPool(const std::string& connector, const std::string& connectionString, int maxSessions,
                          int idleSeconds, Setup setup);

protected:
    void customizeSession(Poco::Data::Session& session) override;

private:
    Setup setup_;
};

} // namespace motel::host
