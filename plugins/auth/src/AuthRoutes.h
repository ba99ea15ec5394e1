#pragma once
/// The HTTP surface of the auth plugin:
///   POST /api/auth/login        public
///   GET  /api/auth/me           any authenticated user
///   GET  /api/users             admin, manager (list envelope; filters
///                               `role`, `active`; sort `id`, `email`,
///                               `name`, `createdAt`)
///   POST /api/users             admin, 201
///   GET|PATCH|DELETE /api/users/:id   admin (DELETE deactivates, 204)
/// Handlers translate HTTP to the services and back; the rules live in
/// LoginService and UserService, access checks in the host (route roles).

#include "LoginService.h"
#include "TokenService.h"
#include "UserService.h"

#include <motel/sdk/Routes.h>

namespace motel::auth {

class AuthRoutes {
public:
    AuthRoutes(LoginService& login, UserService& users, const TokenService& tokens);

    void registerWith(sdk::RouteRegistry& routes);

private:
    LoginService& login_;
    UserService& users_;
    const TokenService& tokens_;

    void login(const sdk::Request& request, sdk::Response& response);
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
