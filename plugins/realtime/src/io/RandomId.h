#pragma once
/// Unguessable ids (Engine.IO sids, Socket.IO socket and private session
/// ids): 15 bytes from the system's random source as 20 URL-safe base64
/// characters, like the official server's base64id.

#include <string>

namespace motel::realtime {

class RandomId {
public:
    static std::string make();
};

} // namespace motel::realtime
