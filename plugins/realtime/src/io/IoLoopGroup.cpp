#include "io/IoLoopGroup.h"

#include <chrono>
#include <future>
#include <stdexcept>

namespace motel::realtime {

IoLoopGroup::IoLoopGroup(sdk::EventLoops& loops) : hostLoops_(loops) {
    for (std::size_t i = 0; i < loops.size(); ++i) loops_.push_back(std::make_unique<IoLoop>(loops.at(i)));
    if (loops_.empty()) throw std::logic_error("the host offers no event loop");
}

IoLoopGroup::~IoLoopGroup() = default;

IoLoop& IoLoopGroup::next() {
    return *loops_[next_.fetch_add(1) % loops_.size()];
}

IoLoop& IoLoopGroup::currentOrNext() {
    const sdk::EventLoop* here = hostLoops_.current();
    for (auto& loop : loops_)
        if (&loop->hostLoop() == here) return *loop;
    return next();
}

void IoLoopGroup::runOnAllAndWait(const std::function<void(IoLoop&)>& task) {
    std::vector<std::future<void>> done;
    for (auto& loop : loops_) {
        IoLoop* target = loop.get();
        if (target->inLoopThread()) {
            task(*target); // waiting for our own loop would wait forever
            continue;
        }
        auto promise = std::make_shared<std::promise<void>>();
        done.push_back(promise->get_future());
        // Straight to the host's loop: after IoLoop::shutdown() the adapter drops posts.
        target->hostLoop().post([promise, target, &task] {
            task(*target);
            promise->set_value();
        });
    }
    for (auto& future : done) future.wait_for(std::chrono::seconds(5));
}

void IoLoopGroup::shutdown() {
    runOnAllAndWait([](IoLoop& loop) { loop.shutdown(); });
}

} // namespace motel::realtime
