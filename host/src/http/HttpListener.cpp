#include "http/HttpListener.h"

#include <Poco/Logger.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace motel::host {

namespace {

constexpr int acceptsPerWakeup = 128;
constexpr std::chrono::milliseconds pauseWhenOutOfDescriptors{100};

std::string describe(const std::string& host, std::uint16_t port) {
    return (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

} // namespace

HttpListener::HttpListener(const std::string& host, std::uint16_t port) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* results = nullptr;
    const std::string service = std::to_string(port);
    const int resolved = ::getaddrinfo(host.empty() ? nullptr : host.c_str(), service.c_str(), &hints, &results);
    if (resolved != 0)
        throw std::runtime_error("Cannot listen on " + describe(host, port) + ": " + ::gai_strerror(resolved));
    std::string lastError = "no usable address";
    for (addrinfo* candidate = results; candidate; candidate = candidate->ai_next) {
        FileDescriptor socket(::socket(candidate->ai_family, candidate->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                                       candidate->ai_protocol));
        if (!socket) {
            lastError = std::strerror(errno);
            continue;
        }
        const int on = 1;
        ::setsockopt(socket.get(), SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
        if (::bind(socket.get(), candidate->ai_addr, candidate->ai_addrlen) != 0 ||
            ::listen(socket.get(), SOMAXCONN) != 0) {
            lastError = std::strerror(errno);
            continue;
        }
        sockaddr_storage bound{};
        socklen_t length = sizeof bound;
        ::getsockname(socket.get(), reinterpret_cast<sockaddr*>(&bound), &length);
        port_ = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                                  : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
        socket_ = std::move(socket);
        break;
    }
    ::freeaddrinfo(results);
    if (!socket_) throw std::runtime_error("Cannot listen on " + describe(host, port) + ": " + lastError);
}

HttpListener::~HttpListener() = default;

void HttpListener::attach(EventLoop& loop, AcceptHandler onAccept) {
    loop_ = &loop;
    onAccept_ = std::move(onAccept);
    loop_->add(socket_.get(), Interest::read, EventLoop::Handlers{[this] { acceptPending(); }, {}});
}

void HttpListener::close() {
    if (loop_) loop_->remove(socket_.get());
    socket_.reset();
}

void HttpListener::acceptPending() {
    for (int i = 0; i < acceptsPerWakeup && socket_; ++i) {
        sockaddr_storage peer{};
        socklen_t length = sizeof peer;
        const int fd =
            ::accept4(socket_.get(), reinterpret_cast<sockaddr*>(&peer), &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK) return;
            if (errno == EINTR || errno == ECONNABORTED || errno == EPROTO) continue;
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                // Pending connections stay queued in the kernel until we can take them.
                Poco::Logger::get("motel.http")
                    .warning("Cannot accept connections: %s", std::string(std::strerror(errno)));
                if (!paused_) {
                    paused_ = true;
                    loop_->modify(socket_.get(), Interest::none);
                    loop_->runAfter(pauseWhenOutOfDescriptors, [this] {
                        paused_ = false;
                        if (socket_) loop_->modify(socket_.get(), Interest::read);
                    });
                }
                return;
            }
            Poco::Logger::get("motel.http").error("accept failed: %s", std::string(std::strerror(errno)));
            return;
        }
        FileDescriptor socket(fd);
        const int on = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        onAccept_(std::move(socket), addressText(&peer));
    }
}

std::string HttpListener::addressText(const void* sockaddrStorage) {
    const auto* address = static_cast<const sockaddr_storage*>(sockaddrStorage);
    char text[INET6_ADDRSTRLEN] = {0};
    if (address->ss_family == AF_INET) {
        ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(address)->sin_addr, text, sizeof text);
        return text;
    }
    if (address->ss_family == AF_INET6) {
        const auto* v6 = reinterpret_cast<const sockaddr_in6*>(address);
        if (IN6_IS_ADDR_V4MAPPED(&v6->sin6_addr)) {
            ::inet_ntop(AF_INET, reinterpret_cast<const unsigned char*>(&v6->sin6_addr) + 12, text, sizeof text);
            return text;
        }
        ::inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
        return text;
    }
    return "unknown";
}

} // namespace motel::host
