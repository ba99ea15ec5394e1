#pragma once
/// Carries broadcasts between hosts that share a Redis (`redis.url`):
/// publish() queues a message for a publisher thread (PUBLISH on one
/// connection, so one host's messages keep their order), and a subscriber
/// thread hands every message of the channel to `onMessage`. When Redis is
/// down both threads retry with a backoff and the host goes on serving its
/// own sockets (messages published meanwhile are dropped and counted).

#include <Poco/Logger.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace motel::realtime {

class RedisBridge {
public:
    using MessageHandler = std::function<void(const std::string& message)>;

    struct Endpoint {
        std::string host = "127.0.0.1";
        int port = 6379;
        std::string password;
        /// Parses `redis://[[user]:password@]host[:port][/db]`; throws std::invalid_argument.
        static Endpoint parse(const std::string& url);
    };

    RedisBridge(Endpoint endpoint, std::string channel, MessageHandler onMessage, Poco::Logger& logger);
    ~RedisBridge(); ///< stop()
    RedisBridge(const RedisBridge&) = delete;
    RedisBridge& operator=(const RedisBridge&) = delete;

    void start();
    void stop();
    /// Any thread; never blocks on the network.
    void publish(std::string message);

    bool subscribed() const { return subscribed_.load(); }
    std::uint64_t dropped() const { return dropped_.load(); }

private:
    void runSubscriber();
    void runPublisher();
    bool sleepUnlessStopping(std::chrono::milliseconds delay);

    const Endpoint endpoint_;
    const std::string channel_;
    MessageHandler onMessage_;
    Poco::Logger& logger_;
    std::thread subscriber_;
    std::thread publisher_;
    std::atomic<bool> stopping_{false};
    std::atomic<bool> subscribed_{false};
    std::atomic<std::uint64_t> dropped_{0};
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::string> outbox_;
    int subscriberFd_ = -1; ///< guarded by mutex_; shut down to unblock the subscriber
};

} // namespace motel::realtime
