#include "AuthRoutes.h"

#include <motel/plugins/auth/Roles.h>
#include <motel/sdk/Errors.h>
#include <motel/sdk/ListQuery.h>

#include <Poco/JSON/Array.h>

namespace motel::auth {

AuthRoutes::AuthRoutes(LoginService& login, UserService& users, const TokenService& tokens, RevocationFeed& revocations,
                       LoginRateLimiter& limiter)
    : login_(login), users_(users), tokens_(tokens), revocations_(revocations), limiter_(limiter) {}

void AuthRoutes::registerWith(sdk::RouteRegistry& routes) {
    using sdk::Access;
    auto bind = [this](void (AuthRoutes::*handler)(const sdk::Request&, sdk::Response&)) {
        return [this, handler](const sdk::Request& request, sdk::Response& response) {
            (this->*handler)(request, response);
        };
    };
    routes.post("/api/auth/login", Access::publicRoute(), bind(&AuthRoutes::login));
    routes.post("/api/auth/logout", Access::authenticated(), bind(&AuthRoutes::logout));
    routes.post("/api/auth/password", Access::authenticated(), bind(&AuthRoutes::changePassword));
    routes.get("/api/auth/me", Access::authenticated(), bind(&AuthRoutes::me));
    routes.get("/api/users", Access::anyRole({plugins::auth::kManagerRole}), bind(&AuthRoutes::listUsers));
    routes.post("/api/users", Access::anyRole({plugins::auth::kAdminRole}), bind(&AuthRoutes::createUser));
    routes.get("/api/users/:id", Access::anyRole({plugins::auth::kAdminRole}), bind(&AuthRoutes::getUser));
    routes.patch("/api/users/:id", Access::anyRole({plugins::auth::kAdminRole}), bind(&AuthRoutes::updateUser));
    routes.del("/api/users/:id", Access::anyRole({plugins::auth::kAdminRole}), bind(&AuthRoutes::deleteUser));
}

Actor AuthRoutes::actorOf(const sdk::Request& request) {
    Actor actor;
    if (request.principal) actor.id = request.principal->id;
    actor.address = request.remoteAddress;
    actor.requestId = request.requestId;
    return actor;
}

std::int64_t AuthRoutes::userIdOf(const sdk::Request& request) {
    const auto id = request.idParam("id");
    if (!id) throw sdk::NotFound("User " + request.param("id") + " not found");
    return *id;
}

void AuthRoutes::login(const sdk::Request& request, sdk::Response& response) {
    const Credentials credentials = UserInput::parseCredentials(request.jsonObject());
    const LoginResult result = login_.login(credentials, actorOf(request));

    Poco::JSON::Object::Ptr body = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    body->set("accessToken", result.accessToken);
    body->set("tokenType", std::string("Bearer"));
    body->set("expiresIn", static_cast<Poco::Int64>(tokens_.lifetime().count()));
    body->set("user", result.user.toJson());
    response.json(200, body);
    response.setHeader("Cache-Control", "no-store");
}

void AuthRoutes::logout(const sdk::Request& request, sdk::Response& response) {
    if (!request.body.empty()) UserInput::parseLogout(request.jsonObject());
    const sdk::Principal& caller = request.caller();
    if (caller.tokenId.empty()) throw sdk::Unauthorized();
    Revocation revocation;
    revocation.topic = Revocation::kTokenRevoked;
    revocation.userId = caller.id;
    revocation.tokenId = caller.tokenId;
    revocation.expiresAt = caller.tokenExpiresAt;
    revocations_.announce(std::move(revocation));
    response.noContent();
}

void AuthRoutes::changePassword(const sdk::Request& request, sdk::Response& response) {
    const PasswordChange change = UserInput::parsePasswordChange(request.jsonObject());
    try {
        users_.changeOwnPassword(request.caller().id, change, actorOf(request), limiter_);
    } catch (const sdk::NotFound&) {
        throw sdk::Unauthorized(); // the account vanished between authentication and now
    }
    response.noContent();
}

void AuthRoutes::me(const sdk::Request& request, sdk::Response& response) {
    try {
        response.json(200, users_.get(request.caller().id).toJson());
    } catch (const sdk::NotFound&) {
        throw sdk::Unauthorized(); // the account vanished between authentication and now
    }
}

void AuthRoutes::listUsers(const sdk::Request& request, sdk::Response& response) {
    sdk::ListQuery list(request, {"id", "email", "name", "createdAt"});
    UserListQuery query;
    query.role = list.enumFilter("role", userRoles());
    query.active = list.booleanFilter("active");
    list.finish();
    query.limit = list.limit();
    query.offset = list.offset();
    if (!list.sort().field.empty()) query.sortColumn = UserRepository::sortColumnFor(list.sort().field);
    query.descending = list.sort().descending;

    const auto [users, total] = users_.list(query);
    Poco::JSON::Array::Ptr data = new Poco::JSON::Array;
    for (const auto& user : users) data->add(user.toJson());
    response.json(200, list.envelope(data, total));
}

void AuthRoutes::createUser(const sdk::Request& request, sdk::Response& response) {
    const NewUser input = UserInput::parseNewUser(request.jsonObject());
    response.json(201, users_.create(input, actorOf(request)).toJson());
}

void AuthRoutes::getUser(const sdk::Request& request, sdk::Response& response) {
    response.json(200, users_.get(userIdOf(request)).toJson());
}

void AuthRoutes::updateUser(const sdk::Request& request, sdk::Response& response) {
    const std::int64_t id = userIdOf(request);
    const UserChanges changes = UserInput::parseChanges(request.jsonObject());
    response.json(200, users_.update(id, changes, actorOf(request)).toJson());
}

void AuthRoutes::deleteUser(const sdk::Request& request, sdk::Response& response) {
    users_.remove(userIdOf(request), actorOf(request));
    response.noContent();
}

} // namespace motel::auth
