#pragma once
/// The Socket.IO v5 layer over an EngineServer: makes a SocketIoConnection
/// for every Engine.IO session, keeps one RoomIndex per IoLoop, and
/// broadcasts: a packet is encoded once (Socket.IO text, Engine.IO polling
/// entry and WebSocket frame), recorded for connection state recovery, and
/// posted to every loop, where the sockets of the room send the same bytes.
/// Each loop remembers the offset of the last broadcast it delivered: what a
/// dropped socket was sent, and where a restored socket's replay ends.

#include "application/RealtimeStats.h"
#include "engine/EngineServer.h"
#include "io/IoLoopGroup.h"
#include "socketio/RecoveryStore.h"
#include "socketio/RoomIndex.h"
#include "socketio/SocketApplication.h"
#include "socketio/StreamOffset.h"
#include "socketio/UserSocketLimit.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace motel::realtime {

struct SocketIoOptions {
    /// A connection that has joined no namespace by then is closed.
    std::chrono::milliseconds connectTimeout{45000};
    /// Connection state recovery window; zero turns recovery off (and no
    /// `pid`/offsets are sent, as the compliance mode needs).
    std::chrono::milliseconds recoveryWindow{120000};
    /// Sockets one user may hold on this host at once (UserSocketLimit); 0: no cap.
    std::size_t maxSocketsPerUser = 0;
};

class SocketIoServer {
public:
    SocketIoServer(SocketIoOptions options, IoLoopGroup& loops, SocketApplication& application, RealtimeStats& stats);

    /// For EngineServer: the Socket.IO connection of a new session.
    EngineServer::HandlerFactory handlerFactory();

    /// Emits `event` with one argument `payloadJson` to `room` of `nsp` ("" =
    /// every socket of it) on every loop. `offset` identifies the broadcast
    /// for recovery (generated when empty; ignored when recovery is off).
    /// Any thread; returns the offset used.
    std::string broadcast(const std::string& nsp, const std::string& room, const std::string& event,
                          const std::string& payloadJson, std::string offset = "");

    /// Ends every socket of `room` in `nsp` on every loop (SocketIoConnection::end):
    /// revoked tokens and users. Any thread; returns at once.
    void endRoom(const std::string& nsp, const std::string& room);
    /// Puts every socket of room `target` in `nsp` into `room` (or takes
    /// them out), on every loop, in order with the broadcasts. Any thread.
    void moveSockets(const std::string& nsp, const std::string& target, const std::string& room, bool join);

    RoomIndex& roomsOf(const IoLoop& loop);
    /// The offset of the last broadcast `loop` delivered; before its first
    /// one, the offset set by setInitialOffset() ("" when none). Loop thread.
    std::string deliveredUpTo(const IoLoop& loop) const;
    /// Where the shared log stood when this host started reading it (the
    /// Redis stream's last id), so that sockets restored before a loop's first
    /// broadcast replay only what they will not get live.
    void setInitialOffset(std::string offset);
    /// Null when recovery is off.
    RecoveryStore* recovery() { return recovery_.get(); }
    /// Replaces the in-process store (RedisRecoveryStore with `redis.url`);
    /// before any connection. Ignored when recovery is off.
    void useRecoveryStore(std::unique_ptr<RecoveryStore> store);
    SocketApplication& application() { return application_; }
    RealtimeStats& stats() { return stats_; }
    UserSocketLimit& userLimit() { return userLimit_; }
    const SocketIoOptions& options() const { return options_; }

private:
    SocketIoOptions options_;
    IoLoopGroup& loops_;
    SocketApplication& application_;
    RealtimeStats& stats_;
    UserSocketLimit userLimit_;
    struct LoopState {
        RoomIndex rooms;
        std::string lastOffset; ///< loop thread only
    };
    std::unique_ptr<RecoveryStore> recovery_;
    /// With a shared store, offsets that can be resumed are stream ids; the
    /// local ones of the relay's fallback (Redis away) never become a loop's
    /// position, or a restore there would replay what the loop delivers live.
    bool streamOffsetsOnly_ = false;
    std::unordered_map<const IoLoop*, std::unique_ptr<LoopState>> loopStates_;
    mutable std::mutex initialOffsetMutex_;
    std::string initialOffset_;
    const std::string offsetPrefix_;
    std::atomic<std::uint64_t> nextOffset_{1};
};

} // namespace motel::realtime
