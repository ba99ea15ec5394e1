#pragma once
// The throwaway PostgreSQL server of the test suites (CTest fixture
// `postgres`, scripts/test-services/postgres). A suite registered with
// `FIXTURES postgres` gets a running server; each test asks for a database
// of its own so tests never see each other's rows. The databases go away
// with the server's data folder at the next fixture start.
//
// MOTEL_TEST_POSTGRES_URL (postgresql://user:password@host:port, no database)
// points the tests at another server instead.

#include <string>

namespace motel::test {

/// postgresql://user:password@127.0.0.1:PORT of the fixture server. Throws
/// std::runtime_error saying how to start it when it is not running.
std::string testPostgresBaseUrl();

/// Creates an empty, uniquely named database on the fixture server and
/// returns its postgresql:// URL.
std::string freshPostgresDatabase();

} // namespace motel::test
