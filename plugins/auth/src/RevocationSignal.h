#pragma once
/// The fast path of revocations between hosts that share a Redis
/// (`redis.url`): notify() makes every other host read the revocation table
/// now instead of at its next poll. The message is only a wake-up call (the
/// table stays the source of truth), so a message lost while Redis is down
/// costs at most one poll interval, never a revocation.
///
/// One publisher thread (PUBLISH; notify() only sets a flag, so a request
/// never waits for Redis) and one subscriber thread (SUBSCRIBE; calls
/// `onWake` for every message). Both reconnect with a backoff.

#include <motel/sdk/RedisUrl.h>

#include <Poco/Logger.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace motel::auth {

class RevocationSignal {
public:
    RevocationSignal(sdk::RedisUrl endpoint, std::string channel, std::function<void()> onWake, Poco::Logger& logger);
    ~RevocationSignal(); ///< stop()
    RevocationSignal(const RevocationSignal&) = delete;
    RevocationSignal& operator=(const RevocationSignal&) = delete;

    void start();
    void stop();
    /// Any thread; never blocks on the network. Calls made before the
    /// publisher gets to them are sent as one message.
    void notify();

private:
    void runSubscriber();
    void runPublisher();
    bool sleepUnlessStopping(std::chrono::milliseconds delay);

    const sdk::RedisUrl endpoint_;
    const std::string channel_;
    std::function<void()> onWake_;
    Poco::Logger& logger_;
    std::thread subscriber_;
    std::thread publisher_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    bool pending_ = false;
    int subscriberFd_ = -1; ///< guarded by mutex_; shut down to unblock the subscriber
};

} // namespace motel::auth
