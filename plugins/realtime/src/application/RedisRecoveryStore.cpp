#include "application/RedisRecoveryStore.h"

#include "application/RelayMessage.h"
#include "json/JsonText.h"
#include "socketio/BroadcastPacket.h"
#include "socketio/StreamOffset.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <set>

namespace motel::realtime {

namespace {
/// Restoring blocks a socket loop: Redis must answer fast or not at all.
const std::chrono::milliseconds kRedisTimeout(500);

std::string stringOf(const Poco::JSON::Object::Ptr& object, const std::string& name) {
    return object && object->has(name) && object->get(name).isString() ? object->getValue<std::string>(name) : "";
}
} // namespace

RedisRecoveryStore::RedisRecoveryStore(sdk::RedisUrl url, std::string stream, std::chrono::milliseconds window,
                                       std::size_t maxMissed, Poco::Logger& logger)
    : stream_(std::move(stream)), window_(window), maxMissed_(maxMissed), logger_(logger),
      link_(std::move(url), kRedisTimeout) {}

std::string RedisRecoveryStore::ownerTag(std::int64_t userId, const std::string& nsp) {
    return std::to_string(userId) + "\n" + nsp + "\n";
}

void RedisRecoveryStore::record(const std::string&, const std::string&, const std::string&, SharedPacket) {
    // The relay's stream is the log: nothing to keep here.
}

bool RedisRecoveryStore::reachable() {
    if (failing_ && std::chrono::steady_clock::now() < retryAt_) return false;
    return link_.ensureConnected();
}

void RedisRecoveryStore::noteFailure(const char* what) {
    retryAt_ = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    if (failing_) return;
    failing_ = true;
    logger_.warning("realtime: Redis at %s did not answer while %s a session; clients recover only while it answers",
                    link_.url().describe(), std::string(what));
}

void RedisRecoveryStore::save(RecoverySession session) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!reachable()) return noteFailure("saving");
    if (session.offset.empty()) {
        // Nothing delivered on its loop yet: it has seen everything up to now.
        const auto newest = link_.command({"XREVRANGE", stream_, "+", "-", "COUNT", "1"});
        if (!newest) return noteFailure("saving");
        const auto entries = parseStreamEntries(newest.get());
        session.offset = entries.empty() ? "0-0" : entries.front().id;
    }
    Poco::JSON::Object::Ptr value = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    value->set("sid", session.socketId);
    value->set("offset", session.offset);
    Poco::JSON::Array::Ptr rooms = new Poco::JSON::Array;
    for (const auto& room : session.rooms) rooms->add(room);
    value->set("rooms", rooms);
    const std::string text = ownerTag(session.userId, session.nsp) + JsonText::write(value);
    const auto reply = link_.command({"SET", sessionKey(session.pid), text, "PX", std::to_string(window_.count())});
    if (!reply || reply->type == REDIS_REPLY_ERROR) return noteFailure("saving");
    failing_ = false;
}

std::optional<RecoveredSession> RedisRecoveryStore::restore(const RecoveryRequest& request) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!reachable()) return noteFailure("restoring"), std::nullopt;
    const std::string tag = ownerTag(request.userId, request.nsp);
    const auto reply = link_.command({"GET", sessionKey(request.pid)});
    if (!reply || reply->type == REDIS_REPLY_ERROR) return noteFailure("restoring"), std::nullopt;
    failing_ = false;
    const std::string saved = replyText(reply.get());
    // Unknown or expired; or someone else's, which is left as it is.
    if (reply->type != REDIS_REPLY_STRING || saved.compare(0, tag.size(), tag) != 0) return std::nullopt;
    const auto parsed = JsonText::parse(saved.substr(tag.size()));
    if (parsed.type() != typeid(Poco::JSON::Object::Ptr)) return std::nullopt;
    const auto& value = parsed.extract<Poco::JSON::Object::Ptr>();
    RecoveredSession recovered;
    recovered.session.pid = request.pid;
    recovered.session.nsp = request.nsp;
    recovered.session.userId = request.userId;
    recovered.session.socketId = stringOf(value, "sid");
    recovered.session.offset = stringOf(value, "offset");
    if (const auto rooms = value->getArray("rooms")) {
        for (std::size_t i = 0; i < rooms->size(); ++i)
            recovered.session.rooms.insert(rooms->getElement<std::string>(static_cast<unsigned>(i)));
    }
    if (recovered.session.socketId.empty()) return std::nullopt;
    auto missed = missedSince(recovered.session, request.offset.value_or(recovered.session.offset), request.upTo);
    if (!missed) return std::nullopt;
    recovered.missed = std::move(*missed);
    return recovered;
}

std::optional<std::vector<SharedPacket>>
RedisRecoveryStore::missedSince(const RecoverySession& session, const std::string& from, const std::string& upTo) {
    const auto fromOffset = StreamOffset::parse(from);
    if (!fromOffset) return std::nullopt; // not one of ours (or an in-process offset): refetch
    const auto limit = StreamOffset::parse(upTo);
    if (limit && *limit <= *fromOffset) return std::vector<SharedPacket>{}; // this host delivers the rest live
    const auto reply =
        link_.command({"XRANGE", stream_, from, limit ? limit->text() : "+", "COUNT", std::to_string(maxMissed_ + 2)});
    if (!reply || reply->type != REDIS_REPLY_ARRAY) return noteFailure("restoring"), std::nullopt;
    const auto entries = parseStreamEntries(reply.get());
    const bool fromStart = fromOffset->millis == 0 && fromOffset->sequence == 0;
    // The client's offset must still be in the stream: else what followed it may be gone too.
    if (!fromStart && (entries.empty() || entries.front().id != from)) return std::nullopt;
    if (entries.size() > maxMissed_ + 1) return std::nullopt; // too much to replay: refetch
    std::vector<SharedPacket> missed;
    std::set<std::pair<std::string, std::uint64_t>> seen;
    for (const auto& entry : entries) {
        if (entry.id == from) continue;
        const RelayMessage& message = entry.message;
        if (!seen.insert({message.origin, message.sequence}).second) continue; // a duplicate append
        if (message.isMembership() || message.nsp != session.nsp) continue;
        if (!message.room.empty() && !session.rooms.count(message.room)) continue;
        missed.push_back(encodeBroadcast(message.nsp, message.event, message.payload, entry.id));
    }
    return missed;
}

} // namespace motel::realtime
