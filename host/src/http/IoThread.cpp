#include "http/IoThread.h"

#include "http/HttpConnection.h"
#include "services/ExceptionText.h"

#include <Poco/Logger.h>

#include <vector>

namespace motel::host {

IoThread::IoThread(const HttpServerOptions& options, WorkerPool& workers, const RequestExecutor& executor,
                   const std::atomic<bool>& stopping, ClosedHandler onConnectionClosed)
    : _options(options),
      _workers(workers),
      _executor(executor),
      _stopping(stopping),
      _onConnectionClosed(std::move(onConnectionClosed)),
      _readBuffer(std::make_unique<char[]>(readBufferSize)),
      _inlinePolicy(options.inlineFastHandlers) {
    _parserLimits.maxHeaderBytes = options.maxHeaderBytes;
    _parserLimits.maxBodyBytes = options.maxBodyBytes;
}

IoThread::~IoThread() { stop(); }

void IoThread::start() {
    _thread = std::thread([this] {
        try {
            _loop.run();
        } catch (...) {
            Poco::Logger::get("motel.http").error("I/O thread failed: %s", describeCurrentException());
        }
    });
}

void IoThread::stop() {
    if (!_thread.joinable()) return;
    _loop.post([this] {
        closeAll();
        _loop.quit();
    });
    _thread.join();
}

void IoThread::adopt(FileDescriptor socket, std::string peerAddress) {
    const int fd = socket.get();
    auto connection = std::make_shared<HttpConnection>(*this, std::move(socket), std::move(peerAddress));
    _connections[fd] = connection.get();
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
    _connections[fd] = connection.get();
    try {
        connection->open();
        connection->refuse(error);
    } catch (const std::exception& e) {
        Poco::Logger::get("motel.http").error("Cannot refuse a connection: %s", std::string(e.what()));
        connection->close();
    }
}

void IoThread::connectionClosed(const HttpConnection& connection, int fd, bool handedOver) {
    const auto found = _connections.find(fd);
    if (found != _connections.end() && found->second == &connection) _connections.erase(found);
    if (_onConnectionClosed)
        _onConnectionClosed(ClosedConnection{connection.peerAddress(), fd, handedOver, connection.refused()});
}

void IoThread::beginShutdown() {
    std::vector<std::shared_ptr<HttpConnection>> connections;
    connections.reserve(_connections.size());
    for (const auto& entry : _connections) connections.push_back(entry.second->shared_from_this());
    for (const auto& connection : connections) connection->beginShutdown();
}

void IoThread::closeAll() {
    std::vector<std::shared_ptr<HttpConnection>> connections;
    connections.reserve(_connections.size());
    for (const auto& entry : _connections) connections.push_back(entry.second->shared_from_this());
    for (const auto& connection : connections) connection->close();
}

} // namespace motel::host
