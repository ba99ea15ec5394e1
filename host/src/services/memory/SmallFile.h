#pragma once
/// Reading the small text files of /proc and /sys/fs/cgroup.

#include <optional>
#include <string>

namespace motel::host {

/// The whole content of a small text file (up to 64 KiB); nullopt when it
/// cannot be opened. /proc files report size 0, so this reads until EOF.
std::optional<std::string> readSmallFile(const std::string& path);

} // namespace motel::host
