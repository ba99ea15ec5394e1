#include "Revocation.h"

namespace motel::auth {

const char* Revocation::columns() {
    return "id, topic, user_id, token_id, expires_at, created_ms, origin";
}

Revocation Revocation::fromRow(const sdk::Row& row) {
    Revocation revocation;
    revocation.id = row.integer("id");
    revocation.topic = row.text("topic");
    revocation.userId = row.integer("user_id");
    revocation.tokenId = row.text("token_id");
    revocation.expiresAt = row.integer("expires_at");
    revocation.createdMs = row.integer("created_ms");
    revocation.origin = row.text("origin");
    return revocation;
}

Poco::JSON::Object::Ptr Revocation::payload() const {
    Poco::JSON::Object::Ptr payload = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    if (topic == kTokenRevoked) {
        payload->set("userId", static_cast<Poco::Int64>(userId));
        payload->set("tokenId", tokenId);
    } else {
        payload->set("id", static_cast<Poco::Int64>(userId));
    }
    return payload;
}

} // namespace motel::auth
