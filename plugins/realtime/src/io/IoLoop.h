#pragma once
/// One of the host's event loops (sdk::EventLoop, the loops that also serve
/// HTTP) as the realtime plugin uses it: the home of the WebSocket
/// connections it adopts from the host and of every Engine.IO session
/// assigned to it (their state is only touched on this thread, so sessions
/// need no locks). Descriptor watches, millisecond timers and post().
///
/// The host's loop outlives the plugin's stop(), so this adapter keeps what
/// the plugin has on it (watch handlers, timer tasks, tasks posted and not
/// yet run) and shutdown() takes it all back: afterwards the loop holds only
/// small stubs that reach nothing of the plugin's.

#include <motel/sdk/EventLoops.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>

namespace motel::realtime {

class IoLoop {
public:
    using Task = std::function<void()>;
    using Events = sdk::IoEvents;
    /// Called with what the descriptor is ready for.
    using EventHandler = std::function<void(sdk::IoEvents ready)>;

    struct TimerId {
        std::uint64_t key = 0;
        sdk::EventLoop::TimerId scheduled;
        bool valid() const { return key != 0; }
    };

    explicit IoLoop(sdk::EventLoop& loop);
    ~IoLoop();
    IoLoop(const IoLoop&) = delete;
    IoLoop& operator=(const IoLoop&) = delete;

    bool inLoopThread() const { return loop_.inLoopThread(); }
    sdk::EventLoop& hostLoop() { return loop_; }

    /// Any thread. Dropped after shutdown().
    void post(Task task);

    // Loop thread only. After shutdown() they do nothing.
    /// Throws std::runtime_error when `fd` cannot be watched.
    void watch(int fd, sdk::IoEvents interest, EventHandler handler);
    void rewatch(int fd, sdk::IoEvents interest);
    /// Stops watching; unknown descriptors are ignored. Does not close `fd`.
    void unwatch(int fd);
    TimerId runAfter(std::chrono::milliseconds delay, Task task);
    void cancel(TimerId& timer); ///< resets `timer`; harmless when already fired
    std::size_t watchCount() const;
    std::size_t timerCount() const;

    /// Loop thread: removes every watch and timer the plugin has on the loop
    /// and drops the tasks not yet run (their captures are released here).
    void shutdown();

private:
    struct State;

    sdk::EventLoop& loop_;
    std::shared_ptr<State> state_; ///< shared with the stubs left on the loop
};

} // namespace motel::realtime
