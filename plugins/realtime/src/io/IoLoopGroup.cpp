#include "io/IoLoopGroup.h"

#include <future>

namespace motel::realtime {

IoLoopGroup::IoLoopGroup(std::size_t count, IoLoop::Now now) {
    for (std::size_t i = 0; i < std::max<std::size_t>(count, 1); ++i) {
        loops_.push_back(std::make_unique<IoLoop>("realtime-io-" + std::to_string(i), now));
    }
}

IoLoopGroup::~IoLoopGroup() {
    stop();
}

void IoLoopGroup::start() {
    for (auto& loop : loops_) loop->start();
}

void IoLoopGroup::stop() {
    for (auto& loop : loops_) loop->stop();
}

IoLoop& IoLoopGroup::next() {
    return *loops_[next_.fetch_add(1) % loops_.size()];
}

void IoLoopGroup::runOnAllAndWait(const std::function<void(IoLoop&)>& task) {
    std::vector<std::future<void>> done;
    for (auto& loop : loops_) {
        auto promise = std::make_shared<std::promise<void>>();
        done.push_back(promise->get_future());
        IoLoop* target = loop.get();
        loop->post([promise, target, &task] {
            task(*target);
            promise->set_value();
        });
    }
    for (auto& future : done) future.wait_for(std::chrono::seconds(5));
}

} // namespace motel::realtime
