#pragma once
/// One plugin's RealtimeChannel: its handlers in the ClientEventRegistry
/// and its emits and room changes, every name prefixed with the channel's
/// (RealtimeHub.h, "Names"). Thread-safe.

#include "application/ClientEventRegistry.h"
#include "application/HubOutlet.h"

#include <motel/plugins/realtime/RealtimeHub.h>

#include <Poco/Logger.h>

#include <memory>
#include <optional>
#include <string>

namespace motel::realtime {

class PluginChannel : public plugins::realtime::RealtimeChannel {
public:
    /// The channel is already open in `registry`.
    PluginChannel(std::string name, std::shared_ptr<ClientEventRegistry> registry, std::shared_ptr<HubOutlet> outlet,
                  Poco::Logger& logger);
    ~PluginChannel() override; ///< close()

    const std::string& name() const override { return name_; }
    void on(const std::string& event, sdk::Access access, plugins::realtime::ClientEventHandler handler) override;
    bool emit(const plugins::realtime::Audience& to, const std::string& event,
              const Poco::Dynamic::Var& payload) override;
    bool join(const plugins::realtime::Audience& who, const std::string& room) override;
    bool leave(const plugins::realtime::Audience& who, const std::string& room) override;
    void close() override;

    /// The server's room for an audience: "" everyone, `user:<id>`,
    /// `role:<r>`, `plugin:<channel>:<room>`, `sid:<id>`; nullopt when malformed.
    std::optional<std::string> roomOf(const plugins::realtime::Audience& audience) const;

private:
    bool move(const plugins::realtime::Audience& who, const std::string& room, bool join);

    const std::string name_;
    const std::shared_ptr<ClientEventRegistry> registry_;
    const std::shared_ptr<HubOutlet> outlet_;
    const std::shared_ptr<ChannelCalls> calls_ = std::make_shared<ChannelCalls>();
    Poco::Logger& logger_;
};

} // namespace motel::realtime
