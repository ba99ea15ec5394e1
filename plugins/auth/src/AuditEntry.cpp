#include "AuditEntry.h"

#include <motel/sdk/Time.h>

namespace motel::auth {

namespace {

std::string textField(const Poco::JSON::Object& object, const std::string& name) {
    if (!object.has(name)) return "";
    const Poco::Dynamic::Var value = object.get(name);
    return value.isEmpty() ? std::string() : value.toString();
}

std::optional<std::int64_t> integerField(const Poco::JSON::Object& object, const std::string& name) {
    if (!object.has(name)) return std::nullopt;
    const Poco::Dynamic::Var value = object.get(name);
    if (value.isEmpty() || value.isBoolean() || !value.isInteger()) return std::nullopt;
    return value.convert<Poco::Int64>();
}

Poco::Dynamic::Var orNull(const std::optional<std::int64_t>& value) {
    return value ? Poco::Dynamic::Var(static_cast<Poco::Int64>(*value)) : Poco::Dynamic::Var();
}

} // namespace

const char* AuditEntry::columns() {
    return "id, at, actor_id, action, entity, entity_id, status, client_address, request_id, detail";
}

AuditEntry AuditEntry::fromRow(const sdk::Row& row) {
    AuditEntry entry;
    entry.id = row.integer("id");
    entry.at = row.text("at");
    entry.actorId = row.optInteger("actor_id");
    entry.action = row.text("action");
    entry.entity = row.text("entity");
    entry.entityId = row.text("entity_id");
    entry.status = row.optInteger("status");
    entry.clientAddress = row.text("client_address");
    entry.requestId = row.text("request_id");
    entry.detail = row.optText("detail");
    return entry;
}

std::optional<AuditEntry> AuditEntry::fromRequestEvent(const Poco::Dynamic::Var& payload) noexcept {
    try {
        if (payload.type() != typeid(Poco::JSON::Object::Ptr)) return std::nullopt;
        const auto object = payload.extract<Poco::JSON::Object::Ptr>();
        if (!object) return std::nullopt;
        AuditEntry entry;
        entry.action = textField(*object, "action");
        if (entry.action.empty() || entry.action == kLoginRouteAction) return std::nullopt;
        entry.actorId = integerField(*object, "actorId");
        entry.entity = textField(*object, "entity");
        entry.entityId = textField(*object, "entityId");
        entry.status = integerField(*object, "status");
        entry.clientAddress = textField(*object, "clientAddress");
        entry.requestId = textField(*object, "requestId");
        const auto at = sdk::parseTimestamp(textField(*object, "at"));
        entry.at = at ? sdk::formatTimestamp(*at) : sdk::nowTimestamp();
        return entry;
    } catch (...) {
        return std::nullopt; // a payload we cannot read is not worth failing the publisher for
    }
}

Poco::JSON::Object::Ptr AuditEntry::toJson() const {
    Poco::JSON::Object::Ptr json = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    json->set("id", static_cast<Poco::Int64>(id));
    json->set("at", at);
    json->set("actorId", orNull(actorId));
    json->set("action", action);
    json->set("entity", entity);
    json->set("entityId", entityId);
    json->set("status", orNull(status));
    json->set("clientAddress", clientAddress);
    json->set("requestId", requestId);
    json->set("detail", detail ? Poco::Dynamic::Var(*detail) : Poco::Dynamic::Var());
    return json;
}

} // namespace motel::auth
