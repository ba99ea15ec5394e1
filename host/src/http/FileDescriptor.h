#pragma once

namespace motel::host {

/// Owns one POSIX file descriptor (socket, epoll, eventfd) and closes it when
/// destroyed, so no early return or exception can leak a descriptor. Move-only.
/// `release()` gives the descriptor up, e.g. when a connection is handed over
/// to a WebSocket layer.
class FileDescriptor {
public:
    FileDescriptor() noexcept = default;
    explicit FileDescriptor(int fd) noexcept : fd_(fd) {}
    ~FileDescriptor();

    FileDescriptor(FileDescriptor&& other) noexcept : fd_(other.release()) {}
    FileDescriptor& operator=(FileDescriptor&& other) noexcept;
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;

    int get() const noexcept { return fd_; }
    bool valid() const noexcept { return fd_ >= 0; }
    explicit operator bool() const noexcept { return valid(); }

    /// Stops owning the descriptor and returns it (-1 when empty).
    int release() noexcept;
    /// Closes the current descriptor (if any) and owns `fd` instead.
    void reset(int fd = -1) noexcept;

private:
    int fd_ = -1;
};

} // namespace motel::host
