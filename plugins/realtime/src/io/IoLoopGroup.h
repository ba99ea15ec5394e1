#pragma once
/// The host's event loops (sdk::EventLoops, `http.ioThreads` of them) as the
/// plugin uses them: one IoLoop adapter per loop. New polling sessions are
/// spread over the loops round robin; a WebSocket taken over from HTTP stays
/// on the loop that served its upgrade request.

#include "io/IoLoop.h"

#include <motel/sdk/EventLoops.h>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace motel::realtime {

class IoLoopGroup {
public:
    /// `loops` must outlive the group (and run until shutdown()).
    explicit IoLoopGroup(sdk::EventLoops& loops);
    ~IoLoopGroup();

    /// The loop for the next new session.
    IoLoop& next();
    /// The loop running on the calling thread (inside a takeover handler:
    /// the one that served the connection), else next().
    IoLoop& currentOrNext();
    std::size_t size() const { return loops_.size(); }
    IoLoop& at(std::size_t index) { return *loops_.at(index); }
    /// Runs `task` on every loop and waits until all have run it (the
    /// calling thread's own loop, if any, runs it at once).
    void runOnAllAndWait(const std::function<void(IoLoop&)>& task);
    /// IoLoop::shutdown() on every loop, waited for: the plugin's stop().
    void shutdown();

private:
    sdk::EventLoops& hostLoops_;
    std::vector<std::unique_ptr<IoLoop>> loops_;
    std::atomic<std::size_t> next_{0};
};

} // namespace motel::realtime
