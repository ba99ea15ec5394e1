#include "User.h"

namespace motel::auth {

const char* User::columns() {
    return "id, email, name, role, active, password_hash, created_at, updated_at, token_version";
}

User User::fromRow(const sdk::Row& row) {
    User user;
    user.id = row.integer("id");
    user.email = row.text("email");
    user.name = row.text("name");
    user.role = row.text("role");
    user.active = row.boolean("active");
    user.passwordHash = row.text("password_hash");
    user.createdAt = row.text("created_at");
    user.updatedAt = row.text("updated_at");
    user.tokenVersion = row.integer("token_version");
    return user;
}

Poco::JSON::Object::Ptr User::toJson() const {
    Poco::JSON::Object::Ptr json = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    json->set("id", static_cast<Poco::Int64>(id));
    json->set("email", email);
    json->set("name", name);
    json->set("role", role);
    json->set("active", active);
    json->set("createdAt", createdAt);
    json->set("updatedAt", updatedAt);
    return json;
}

sdk::Principal User::toPrincipal() const {
    sdk::Principal principal;
    principal.id = id;
    principal.email = email;
    principal.name = name;
    principal.role = role;
    principal.grants = plugins::auth::grantsOf(role);
    return principal;
}

} // namespace motel::auth
