#include "TestClient.h"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

namespace motel::test {

std::string RawResponse::header(const std::string& lowerName) const {
    const auto found = headers.find(lowerName);
    return found == headers.end() ? std::string() : found->second;
}

TestClient::TestClient(std::uint16_t port, std::chrono::milliseconds readTimeout) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
    timeval tv{};
    tv.tv_sec = static_cast<long>(readTimeout.count() / 1000);
    tv.tv_usec = static_cast<long>((readTimeout.count() % 1000) * 1000);
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        const std::string error = std::strerror(errno);
        ::close(fd_);
        throw std::runtime_error("connect: " + error);
    }
}

TestClient::~TestClient() {
    if (fd_ >= 0) ::close(fd_);
}

void TestClient::send(const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw std::runtime_error(std::string("send: ") + std::strerror(errno));
        sent += static_cast<std::size_t>(n);
    }
}

bool TestClient::fill() {
    char chunk[16384];
    for (;;) {
        const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
        if (n > 0) {
            buffer_.append(chunk, static_cast<std::size_t>(n));
            return true;
        }
        if (n == 0) return false;
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) throw std::runtime_error("timed out waiting for the server");
        if (errno == ECONNRESET) return false;
        throw std::runtime_error(std::string("recv: ") + std::strerror(errno));
    }
}

RawResponse TestClient::readResponse(bool headRequest) {
    std::size_t headEnd;
    while ((headEnd = buffer_.find("\r\n\r\n")) == std::string::npos)
        if (!fill()) throw std::runtime_error("connection closed before a response head; got: " + buffer_);
    const std::string head = buffer_.substr(0, headEnd);
    buffer_.erase(0, headEnd + 4);

    RawResponse response;
    std::size_t lineEnd = head.find("\r\n");
    const std::string statusLine = head.substr(0, lineEnd);
    if (statusLine.compare(0, 9, "HTTP/1.1 ") != 0) throw std::runtime_error("bad status line: " + statusLine);
    response.status = std::stoi(statusLine.substr(9, 3));
    while (lineEnd != std::string::npos) {
        const std::size_t start = lineEnd + 2;
        lineEnd = head.find("\r\n", start);
        const std::string line = head.substr(start, lineEnd == std::string::npos ? std::string::npos : lineEnd - start);
        const std::size_t colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string name = line.substr(0, colon);
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::size_t valueStart = colon + 1;
        while (valueStart < line.size() && line[valueStart] == ' ') ++valueStart;
        response.headers[name] = line.substr(valueStart);
    }
    const bool noBody = headRequest || response.status < 200 || response.status == 204 || response.status == 304;
    if (noBody) return response;
    const std::string length = response.header("content-length");
    if (!length.empty()) {
        response.body = readExactly(std::stoul(length));
    } else {
        while (fill()) {
        }
        response.body.swap(buffer_);
    }
    return response;
}

std::string TestClient::readExactly(std::size_t count) {
    while (buffer_.size() < count)
        if (!fill()) throw std::runtime_error("connection closed before the body was complete");
    std::string out = buffer_.substr(0, count);
    buffer_.erase(0, count);
    return out;
}

bool TestClient::readable(std::chrono::milliseconds timeout) {
    if (!buffer_.empty()) return true;
    pollfd p{fd_, POLLIN, 0};
    return ::poll(&p, 1, static_cast<int>(timeout.count())) > 0;
}

bool TestClient::closedByPeer(std::chrono::milliseconds timeout) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return false;
    char byte;
    const ssize_t n = ::recv(fd_, &byte, 1, MSG_DONTWAIT);
    return n == 0 || (n < 0 && errno == ECONNRESET);
}

} // namespace motel::test
