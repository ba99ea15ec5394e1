#include "WebSocketPeer.h"

#include <fcntl.h>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace motel::realtime::test {

WebSocketPeer::WebSocketPeer() {
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) throw std::runtime_error("socketpair failed");
    client_ = fds[0];
    server_ = fds[1];
    ::fcntl(server_, F_SETFL, ::fcntl(server_, F_GETFL) | O_NONBLOCK);
}

WebSocketPeer::~WebSocketPeer() {
    if (client_ >= 0) ::close(client_);
    if (server_ >= 0) ::close(server_);
}

int WebSocketPeer::takeServerFd() {
    const int fd = server_;
    server_ = -1;
    return fd;
}

std::string WebSocketPeer::maskedFrame(std::uint8_t opcode, const std::string& payload, bool fin) {
    std::string frame;
    frame += static_cast<char>((fin ? 0x80 : 0) | opcode);
    const std::size_t size = payload.size();
    if (size < 126) {
        frame += static_cast<char>(0x80 | size);
    } else if (size <= 0xFFFF) {
        frame += static_cast<char>(0x80 | 126);
        frame += static_cast<char>(size >> 8);
        frame += static_cast<char>(size & 0xFF);
    } else {
        frame += static_cast<char>(0x80 | 127);
        for (int shift = 56; shift >= 0; shift -= 8) frame += static_cast<char>((std::uint64_t(size) >> shift) & 0xFF);
    }
    const char mask[4] = {0x12, 0x34, 0x56, 0x78};
    frame.append(mask, 4);
    for (std::size_t i = 0; i < size; ++i) frame += static_cast<char>(payload[i] ^ mask[i & 3]);
    return frame;
}

void WebSocketPeer::send(std::uint8_t opcode, const std::string& payload, bool fin) {
    sendRaw(maskedFrame(opcode, payload, fin));
}

void WebSocketPeer::sendRaw(const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n = ::send(client_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) throw std::runtime_error("send to server failed");
        sent += static_cast<std::size_t>(n);
    }
}

bool WebSocketPeer::fill(std::chrono::steady_clock::time_point deadline) {
    if (eof_) return false;
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{client_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    char chunk[65536];
    const ssize_t n = ::recv(client_, chunk, sizeof chunk, 0);
    if (n <= 0) {
        eof_ = true;
        return false;
    }
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
}

std::optional<WebSocketPeer::Frame> WebSocketPeer::read(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        if (buffer_.size() >= 2) {
            const auto* b = reinterpret_cast<const std::uint8_t*>(buffer_.data());
            std::uint64_t length = b[1] & 0x7F;
            std::size_t header = 2;
            bool complete = true;
            if (length == 126) {
                complete = buffer_.size() >= 4;
                if (complete) length = (std::uint64_t(b[2]) << 8) | b[3];
                header = 4;
            } else if (length == 127) {
                complete = buffer_.size() >= 10;
                if (complete) {
                    length = 0;
                    for (int i = 2; i < 10; ++i) length = (length << 8) | b[i];
                }
                header = 10;
            }
            if (complete && buffer_.size() >= header + length) {
                Frame frame{static_cast<std::uint8_t>(b[0] & 0x0F), buffer_.substr(header, length)};
                buffer_.erase(0, header + length);
                return frame;
            }
        }
        if (!fill(deadline)) return std::nullopt;
    }
}

std::string WebSocketPeer::readTextSkippingPings(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        auto frame =
            read(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()));
        if (!frame) return {};
        if (frame->opcode == 1 && frame->payload == "2") continue;
        return frame->payload;
    }
    return {};
}

bool WebSocketPeer::waitForEof(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!eof_) {
        buffer_.clear();
        if (!fill(deadline) && !eof_) return false;
    }
    return true;
}

void WebSocketPeer::closeClient() {
    ::shutdown(client_, SHUT_RD);
}

} // namespace motel::realtime::test
