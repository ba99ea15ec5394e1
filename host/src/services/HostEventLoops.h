#pragma once
// sdk::EventLoops over the HTTP server's I/O loops: what plugins that serve
// sockets themselves (realtime's WebSockets) run on, so the process has one
// reactor. Published by HostRuntime before the first plugin starts; valid
// while the server exists (its loops run from startLoops() to stop()).

#include "http/EventLoop.h"

#include <motel/sdk/EventLoops.h>

#include <memory>
#include <vector>

namespace motel::host {

class HttpServer;

/// One host loop seen through the SDK interface.
class HostEventLoop : public sdk::EventLoop {
public:
    explicit HostEventLoop(host::EventLoop& loop) : loop_(loop) {}

    bool inLoopThread() const override { return loop_.isInLoopThread(); }
    void post(Task task) override { loop_.post(std::move(task)); }
    void watch(int fd, sdk::IoEvents interest, IoHandler handler) override;
    void rewatch(int fd, sdk::IoEvents interest) override;
    void unwatch(int fd) override { loop_.remove(fd); }
    TimerId runAfter(std::chrono::milliseconds delay, Task task) override;
    void cancel(TimerId timer) override;

    host::EventLoop& hostLoop() { return loop_; }

private:
    static Interest interestOf(sdk::IoEvents events);

    host::EventLoop& loop_;
};

class HostEventLoops : public sdk::EventLoops {
public:
    /// The server's loops must exist (HttpServer::startLoops()).
    explicit HostEventLoops(HttpServer& server);

    std::size_t size() const override { return loops_.size(); }
    sdk::EventLoop& at(std::size_t index) override { return *loops_.at(index); }
    sdk::EventLoop* current() override;

private:
    std::vector<std::unique_ptr<HostEventLoop>> loops_;
};

} // namespace motel::host
