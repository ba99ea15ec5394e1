#include "GreetingBook.h"

#include <motel/sdk/Time.h>

namespace hello {

Poco::JSON::Object::Ptr GreetingBook::record(const std::string& name) {
    Poco::JSON::Object::Ptr greeting = new Poco::JSON::Object;
    database_.transaction([&](motel::sdk::SqlSession& sql) {
        const std::string at = motel::sdk::nowTimestamp();
        auto rows = sql.query("INSERT INTO hello_greetings (name, greeted_at) VALUES ($1, $2) RETURNING id",
                              {name, at});
        greeting->set("id", rows.at(0).integer("id"));
        greeting->set("name", name);
        greeting->set("at", at);
    });
    return greeting;
}

std::int64_t GreetingBook::count() {
    std::int64_t total = 0;
    database_.withSession([&](motel::sdk::SqlSession& sql) {
        total = sql.query("SELECT COUNT(*) AS n FROM hello_greetings").at(0).integer("n");
    });
    return total;
}

} // namespace hello
