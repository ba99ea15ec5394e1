#pragma once
// Tells whoever started the host which port it bound (`http.portFile`). With
// `http.port = 0` the kernel picks a free port at bind time, so a test or a
// supervisor never races another process for a port it probed beforehand.

#include <cstdint>
#include <string>

namespace motel::host {

/// Writes `port` and a newline to `path` atomically (a temporary file renamed
/// over it), so a reader never sees a partial number. Does nothing when `path`
/// is empty; throws Poco::FileException when the file cannot be written.
void writePortFile(const std::string& path, std::uint16_t port);

} // namespace motel::host
