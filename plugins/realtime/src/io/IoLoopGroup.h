#pragma once
/// The plugin's I/O threads (`plugins.realtime.ioThreads`): a fixed set of
/// IoLoops that new sessions are spread over, round robin.

#include "io/IoLoop.h"

#include <atomic>
#include <memory>
#include <vector>

namespace motel::realtime {

class IoLoopGroup {
public:
    /// `now` is the loops' clock (see IoLoop::Now).
    explicit IoLoopGroup(std::size_t count, IoLoop::Now now = IoLoop::Clock::now);
    ~IoLoopGroup(); ///< stops every loop

    void start();
    void stop();
    /// The loop for the next new session.
    IoLoop& next();
    std::size_t size() const { return loops_.size(); }
    IoLoop& at(std::size_t index) { return *loops_.at(index); }
    /// Runs `task` on every loop and waits until all have run it (not from a loop thread).
    void runOnAllAndWait(const std::function<void(IoLoop&)>& task);

private:
    std::vector<std::unique_ptr<IoLoop>> loops_;
    std::atomic<std::size_t> next_{0};
};

} // namespace motel::realtime
