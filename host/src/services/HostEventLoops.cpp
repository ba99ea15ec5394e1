#include "services/HostEventLoops.h"

#include "http/HttpServer.h"

#include <stdexcept>
#include <string>

namespace motel::host {

Interest HostEventLoop::interestOf(sdk::IoEvents events) {
    const bool read = sdk::hasAny(events, sdk::IoEvents::readable);
    const bool write = sdk::hasAny(events, sdk::IoEvents::writable);
    if (read && write) return Interest::readWrite;
    if (read) return Interest::read;
    if (write) return Interest::write;
    return Interest::none;
}

void HostEventLoop::watch(int fd, sdk::IoEvents interest, IoHandler handler) {
    // The SDK promises a runtime_error; the loop's own check is a logic_error.
    if (loop_.watches(fd)) throw std::runtime_error("descriptor " + std::to_string(fd) + " is already watched");
    // Both callbacks share the one handler (and what it captured).
    auto shared = std::make_shared<IoHandler>(std::move(handler));
    host::EventLoop::Handlers handlers{[shared] { (*shared)(sdk::IoEvents::readable); },
                                       [shared] { (*shared)(sdk::IoEvents::writable); }};
    loop_.add(fd, interestOf(interest), std::move(handlers));
}

void HostEventLoop::rewatch(int fd, sdk::IoEvents interest) {
    loop_.modify(fd, interestOf(interest));
}

sdk::EventLoop::TimerId HostEventLoop::runAfter(std::chrono::milliseconds delay, Task task) {
    const host::EventLoop::TimerId id = loop_.runAfter(delay, std::move(task));
    return TimerId{id.when, id.sequence};
}

void HostEventLoop::cancel(TimerId timer) {
    loop_.cancel(host::EventLoop::TimerId{timer.when, timer.sequence});
}

HostEventLoops::HostEventLoops(HttpServer& server) {
    for (std::size_t i = 0; i < server.loopCount(); ++i)
        loops_.push_back(std::make_unique<HostEventLoop>(server.loop(i)));
    if (loops_.empty()) throw std::logic_error("HostEventLoops: the HTTP server's loops are not started");
}

sdk::EventLoop* HostEventLoops::current() {
    const host::EventLoop* here = host::EventLoop::current();
    if (!here) return nullptr;
    for (auto& loop : loops_)
        if (&loop->hostLoop() == here) return loop.get();
    return nullptr;
}

} // namespace motel::host
