#pragma once
/// The HTTP surface of the auth plugin:
///   POST /api/auth/login        public
///   POST /api/auth/logout       any authenticated user, 204 (revokes the token used)
///   POST /api/auth/password     any authenticated user, 204 (own password)
///   GET  /api/auth/me           any authenticated user
///   GET  /api/users             admin, manager (list envelope; filters
///                               `role`, `active`; sort `id`, `email`,
///                               `name`, `createdAt`)
///   POST /api/users             admin, 201
///   GET|PATCH|DELETE /api/users/:id   admin (DELETE 204; the user is then gone)
/// Handlers translate HTTP to the services and back; the rules live in
/// LoginService and UserService, access checks in the host (route roles).

#include "LoginRateLimiter.h"
#include "LoginService.h"
#include "RevocationFeed.h"
#include "TokenService.h"
#include "UserService.h"

#include <motel/sdk/Routes.h>

namespace motel::auth {

class AuthRoutes {
public:
    AuthRoutes(LoginService& login, UserService& users, const TokenService& tokens, RevocationFeed& revocations,
               LoginRateLimiter& limiter);

    void registerWith(sdk::RouteRegistry& routes);

private:
    LoginService& login_;
    UserService& users_;
    const TokenService& tokens_;
    RevocationFeed& revocations_;
    LoginRateLimiter& limiter_;

    void login(const sdk::Request& request, sdk::Response& response);
    void logout(const sdk::Request& request, sdk::Response& response);
    void changePassword(const sdk::Request& request, sdk::Response& response);
    void me(const sdk::Request& request, sdk::Response& response);
    void listUsers(const sdk::Request& request, sdk::Response& response);
    void createUser(const sdk::Request& request, sdk::Response& response);
    void getUser(const sdk::Request& request, sdk::Response& response);
    void updateUser(const sdk::Request& request, sdk::Response& response);
    void deleteUser(const sdk::Request& request, sdk::Response& response);

    static Actor actorOf(const sdk::Request& request);
    /// The `:id` parameter; 400 when not an integer, 404 when out of range.
    static std::int64_t userIdOf(const sdk::Request& request);
};

} // namespace motel::auth
