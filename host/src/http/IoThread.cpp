#include "http/IoThread.h"

#include "http/HttpConnection.h"
#include "services/ExceptionText.h"

#include <Poco/Logger.h>

#include <vector>

namespace motel::host {

IoThread::IoThread(const HttpServerOptions& options, WorkerPool& workers, const RequestExecutor& executor,
                   const std::atomic<bool>& stopping, ClosedHandler onConnectionClosed)
    : options_(options), workers_(workers), executor_(executor), stopping_(stopping),
      onConnectionClosed_(std::move(onConnectionClosed)), readBuffer_(std::make_unique<char[]>(readBufferSize)),
      inlinePolicy_(options.inlineFastHandlers), loop_(options.clock) {
    parserLimits_.maxHeaderBytes = options.maxHeaderBytes;
    parserLimits_.maxBodyBytes = options.maxBodyBytes;
}

IoThread::~IoThread() {
    stop();
}

void IoThread::start() {
    thread_ = std::thread([this] {
        try {
            loop_.run();
        } catch (...) {
            Poco::Logger::get("motel.http").error("I/O thread failed: %s", describeCurrentException());
        }
    });
}

void IoThread::stop() {
    if (!thread_.joinable()) return;
    loop_.post([this] {
        closeConnections();
        loop_.quit();
    });
    thread_.join();
}

void IoThread::adopt(FileDescriptor socket, std::string peerAddress) {
    const int fd = socket.get();
    auto connection = std::make_shared<HttpConnection>(*this, std::move(socket), std::move(peerAddress));
    connections_[fd] = connection.get();
    try {
        connection->open();
    } catch (...) {
        Poco::Logger::get("motel.http").error("Cannot watch a connection: %s", describeCurrentException());
        connection->close();
    }
}

void IoThread::refuse(FileDescriptor socket, std::string peerAddress, const sdk::HttpError& error) {
    const int fd = socket.get();
    auto connection = std::make_shared<HttpConnection>(*this, std::move(socket), std::move(peerAddress));
    connections_[fd] = connection.get();
    try {
        connection->open();
        connection->refuse(error);
    } catch (const std::exception& e) {
        Poco::Logger::get("motel.http").error("Cannot refuse a connection: %s", std::string(e.what()));
        connection->close();
    }
}

void IoThread::connectionClosed(const HttpConnection& connection, int fd, bool handedOver) {
    const auto found = connections_.find(fd);
    if (found != connections_.end() && found->second == &connection) connections_.erase(found);
    if (onConnectionClosed_)
        onConnectionClosed_(ClosedConnection{connection.peerAddress(), fd, handedOver, connection.refused()});
}

void IoThread::beginShutdown() {
    std::vector<std::shared_ptr<HttpConnection>> connections;
    connections.reserve(connections_.size());
    for (const auto& entry : connections_) connections.push_back(entry.second->shared_from_this());
    for (const auto& connection : connections) connection->beginShutdown();
}

void IoThread::closeConnections() {
    std::vector<std::shared_ptr<HttpConnection>> connections;
    connections.reserve(connections_.size());
    for (const auto& entry : connections_) connections.push_back(entry.second->shared_from_this());
    for (const auto& connection : connections) connection->close();
}

} // namespace motel::host
