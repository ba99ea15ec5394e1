#include "GreetingBook.h"

#include <motel/sdk/Time.h>

namespace hello {

Poco::JSON::Object::Ptr GreetingBook::recordGreeting(motel::sdk::SqlSession& session, const std::string& name,
                                                     const std::optional<std::string>& suite) {
    const std::string at = motel::sdk::nowTimestamp();
    const auto rows =
        session.query("INSERT INTO hello_greetings (name, suite, greeted_at) VALUES ($1, $2, $3) RETURNING id",
                      {name, suite ? motel::sdk::SqlValue(*suite) : motel::sdk::SqlValue(), at});
    Poco::JSON::Object::Ptr greeting = new Poco::JSON::Object;
    greeting->set("id", rows.at(0).integer("id"));
    greeting->set("name", name);
    greeting->set("suite", suite ? Poco::Dynamic::Var(*suite) : Poco::Dynamic::Var());
    greeting->set("at", at);
    return greeting;
}

void GreetingBook::recordFarewell(const std::string& suite) {
    database_.withSession([&](motel::sdk::SqlSession& session) {
        session.execute("INSERT INTO hello_farewells (suite, said_at) VALUES ($1, $2)",
                        {suite, motel::sdk::nowTimestamp()});
    });
}

std::int64_t GreetingBook::greetings() {
    return count("hello_greetings");
}
std::int64_t GreetingBook::farewells() {
    return count("hello_farewells");
}

std::int64_t GreetingBook::count(const char* table) {
    std::int64_t total = 0;
    database_.withSession([&](motel::sdk::SqlSession& session) {
        total = session.query(std::string("SELECT COUNT(*) AS n FROM ") + table).at(0).integer("n");
    });
    return total;
}

} // namespace hello
