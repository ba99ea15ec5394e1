#include "http/FileDescriptor.h"

#include <unistd.h>

namespace motel::host {

FileDescriptor::~FileDescriptor() { reset(); }

FileDescriptor& FileDescriptor::operator=(FileDescriptor&& other) noexcept {
    if (this != &other) reset(other.release());
    return *this;
}

int FileDescriptor::release() noexcept {
    const int fd = _fd;
    _fd = -1;
    return fd;
}

void FileDescriptor::reset(int fd) noexcept {
    if (_fd >= 0) ::close(_fd);
    _fd = fd;
}

} // namespace motel::host
