#pragma once
/// The host's event loops (SDK 3.2), for plugins that serve long-lived
/// sockets themselves (the realtime plugin's WebSockets): the same epoll
/// loops that run the host's HTTP connections, so the process has one
/// reactor. A plugin finds them as a service:
///
///   auto loops = context.services().require<sdk::EventLoops>();
///
/// Threading contract (docs/plugin-guide.md, "Event loops"):
///   - each loop is one thread; watch/rewatch/unwatch/runAfter/cancel only
///     on that loop's thread (inside its callbacks or a task post()ed to it);
///     post() from any thread;
///   - a callback must not block: no database, no Redis, no waiting on
///     another thread; a few hundred microseconds at most. Blocking work goes
///     to a plugin's own threads (or Jobs) and posts its result back;
///   - the loops run from before the first plugin's start() until after the
///     last plugin's stop(); HTTP accepts only in between. A plugin removes
///     every watch and timer it made (and lets go of tasks it posted) in its
///     stop(): what is left would run plugin code after it stopped;
///   - exceptions thrown by callbacks are logged and swallowed.

#include <motel/sdk/Services.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>

namespace motel::sdk {

/// Readiness of a watched descriptor (abstract: no epoll bits cross the SDK).
enum class IoEvents : std::uint32_t {
    none = 0,
    readable = 1, ///< data, end of stream, peer hang-up or a socket error: a read tells which
    writable = 2, ///< room to write (reported only while watched for writable)
};

constexpr IoEvents operator|(IoEvents a, IoEvents b) {
    return static_cast<IoEvents>(static_cast<std::uint32_t>(a) | static_cast<std::uint32_t>(b));
}
constexpr IoEvents operator&(IoEvents a, IoEvents b) {
    return static_cast<IoEvents>(static_cast<std::uint32_t>(a) & static_cast<std::uint32_t>(b));
}
/// True when `events` has any of `wanted`.
constexpr bool hasAny(IoEvents events, IoEvents wanted) {
    return (events & wanted) != IoEvents::none;
}

/// One event loop thread.
class EventLoop {
public:
    using Task = std::function<void()>;
    using Clock = std::chrono::steady_clock;
    /// Called on the loop with what the descriptor is ready for.
    using IoHandler = std::function<void(IoEvents ready)>;

    /// Names one scheduled timer for cancel(); a default value names none.
    struct TimerId {
        Clock::time_point when{};
        std::uint64_t sequence = 0;
        bool valid() const { return sequence != 0; }
    };

    virtual ~EventLoop() = default;

    /// True on this loop's thread.
    virtual bool inLoopThread() const = 0;
    /// Queues `task` to run on the loop. Any thread.
    virtual void post(Task task) = 0;

    /// Watches `fd` (level-triggered; the caller keeps owning and closes it)
    /// for `interest` (readable, writable or both). Throws std::runtime_error
    /// when the descriptor cannot be watched (already watched, closed).
    virtual void watch(int fd, IoEvents interest, IoHandler handler) = 0;
    /// Changes what `fd` is watched for; unknown descriptors are ignored.
    virtual void rewatch(int fd, IoEvents interest) = 0;
    /// Stops watching `fd`; unknown descriptors are ignored. Does not close it.
    virtual void unwatch(int fd) = 0;

    /// Runs `task` on the loop once `delay` has passed.
    virtual TimerId runAfter(std::chrono::milliseconds delay, Task task) = 0;
    /// Cancels a timer that has not fired yet; harmless otherwise.
    virtual void cancel(TimerId timer) = 0;
};

/// The host's loops. Published by the host under kServiceName.
class EventLoops {
public:
    static constexpr const char* kServiceName = "host.eventLoops";
    static constexpr InterfaceVersion kVersion{1, 0};

    virtual ~EventLoops() = default;
    /// How many loops (`http.ioThreads`); at least one.
    virtual std::size_t size() const = 0;
    virtual EventLoop& at(std::size_t index) = 0;
    /// The loop running on the calling thread, or nullptr. Inside an
    /// Exchange::takeOver handler this is the loop that served the
    /// connection: a socket taken over can stay there.
    virtual EventLoop* current() = 0;
};

} // namespace motel::sdk
