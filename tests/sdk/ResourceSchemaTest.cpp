#include <motel/sdk/ResourceList.h>
#include <motel/sdk/ResourceSchema.h>

#include <cppunit/extensions/HelperMacros.h>

#include <Poco/JSON/Parser.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

using motel::sdk::Request;
using motel::sdk::ResourceList;
using motel::sdk::ResourceSchema;
using motel::sdk::Response;
using motel::sdk::Row;
using motel::sdk::RowValues;
using motel::sdk::SqlParams;
using motel::sdk::SqlQuery;
using motel::sdk::SqlValue;

namespace {

struct Thing {
    std::int64_t id = 0;
    std::string name;
    std::optional<std::string> note;
    std::optional<std::int64_t> ownerId;
    bool active = false;
    std::string secret;
};

const ResourceSchema<Thing>& schema() {
    static const ResourceSchema<Thing> things("things", {
                                                            {"id", "id", &Thing::id},
                                                            {"name", "name", &Thing::name},
                                                            {"note", "note", &Thing::note},
                                                            {"ownerId", "owner_id", &Thing::ownerId},
                                                            {"active", "active", &Thing::active},
                                                            {nullptr, "secret", &Thing::secret},
                                                        });
    return things;
}

Row row(std::vector<SqlValue> values) {
    static const auto columns = std::make_shared<const std::vector<std::string>>(
        std::vector<std::string>{"id", "name", "note", "owner_id", "active", "secret", "total_count"});
    return Row(columns, std::move(values));
}

/// A session whose every query answers the rows it was given, through the
/// SDK's default forEachRow() (query() then a RowValues per row).
class CannedSession : public motel::sdk::SqlSession {
public:
    std::vector<std::vector<Row>> answers;
    std::vector<std::string> statements;

    motel::sdk::Dialect dialect() const override { return motel::sdk::Dialect::sqlite; }
    motel::sdk::ResultSet query(const std::string& sql, const SqlParams&) override {
        statements.push_back(sql);
        if (answers.empty()) return {};
        auto rows = answers.front();
        answers.erase(answers.begin());
        return rows;
    }
    std::int64_t execute(const std::string&, const SqlParams&) override { return 0; }
    void afterCommit(std::function<void()> fn) override { fn(); }
};

} // namespace

class ResourceSchemaTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ResourceSchemaTest);
    CPPUNIT_TEST(columnsFollowTheTable);
    CPPUNIT_TEST(readsARowByPosition);
    CPPUNIT_TEST(rowAndStructRenderTheSameJson);
    CPPUNIT_TEST(rendersNullsEscapesAndHidesUnnamedFields);
    CPPUNIT_TEST(listRendersTheEnvelopeFromTheRows);
    CPPUNIT_TEST(listPastTheEndAsksForTheCount);
    CPPUNIT_TEST(etagDependsOnlyOnTheBody);
    CPPUNIT_TEST(ifNoneMatchGives304WithTheTag);
    CPPUNIT_TEST(ifNoneMatchListsWeakTagsAndStar);
    CPPUNIT_TEST_SUITE_END();

public:
    void columnsFollowTheTable() {
        CPPUNIT_ASSERT_EQUAL(std::string("id, name, note, owner_id, active, secret"), schema().columns());
        CPPUNIT_ASSERT_EQUAL(std::string("things"), schema().table());
    }

    void readsARowByPosition() {
        const Thing thing = schema().read(row({Poco::Int64(7), std::string("Lamp"), SqlValue(), Poco::Int64(3),
                                               Poco::Int64(1), std::string("s3cret"), Poco::Int64(9)}));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(7), thing.id);
        CPPUNIT_ASSERT_EQUAL(std::string("Lamp"), thing.name);
        CPPUNIT_ASSERT(!thing.note);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(3), thing.ownerId.value_or(0));
        CPPUNIT_ASSERT(thing.active);
        CPPUNIT_ASSERT_EQUAL(std::string("s3cret"), thing.secret);
    }

    void rowAndStructRenderTheSameJson() {
        for (const auto& values :
             std::vector<std::vector<SqlValue>>{{Poco::Int64(1), std::string("a\"b\\c\n"), std::string("n\xc3\xa9"),
                                                 SqlValue(), Poco::Int64(0), std::string("x"), Poco::Int64(1)},
                                                {Poco::Int64(-5), std::string(""), SqlValue(), Poco::Int64(42),
                                                 Poco::Int64(1), SqlValue(), Poco::Int64(1)}}) {
            const Row source = row(values);
            std::string fromRow;
            schema().appendJson(fromRow, RowValues(source));
            CPPUNIT_ASSERT_EQUAL(schema().json(schema().read(source)), fromRow);
        }
    }

    void rendersNullsEscapesAndHidesUnnamedFields() {
        Thing thing;
        thing.id = 2;
        thing.name = "say \"hi\"\t";
        thing.ownerId = 12;
        thing.secret = "never";
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"id":2,"name":"say \"hi\"\t","note":null,"ownerId":12,"active":false})"),
                             schema().json(thing));
        const auto object = schema().object(thing);
        CPPUNIT_ASSERT_EQUAL(std::string("say \"hi\"\t"), object->getValue<std::string>("name"));
        CPPUNIT_ASSERT(!object->has("secret"));
    }

    void listRendersTheEnvelopeFromTheRows() {
        CannedSession session;
        session.answers.push_back({row({Poco::Int64(1), std::string("a"), SqlValue(), SqlValue(), Poco::Int64(1),
                                        std::string("x"), Poco::Int64(12)}),
                                   row({Poco::Int64(2), std::string("b"), std::string("n"), Poco::Int64(4),
                                        Poco::Int64(0), std::string("y"), Poco::Int64(12)})});
        const std::string body =
            ResourceList::render(session, SqlQuery{"PAGE", {}}, SqlQuery{"COUNT", {}}, 2, 0, schema());
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"data":[{"id":1,"name":"a","note":null,"ownerId":null,"active":true},)"
                                         R"({"id":2,"name":"b","note":"n","ownerId":4,"active":false}],)"
                                         R"("total":12,"limit":2,"offset":0})"),
                             body);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), session.statements.size()); // the total came with the rows
    }

    void listPastTheEndAsksForTheCount() {
        CannedSession session;
        session.answers.push_back({});
        session.answers.push_back(
            {Row(std::make_shared<const std::vector<std::string>>(std::vector<std::string>{"total_count"}),
                 {Poco::Int64(12)})});
        const std::string body =
            ResourceList::render(session, SqlQuery{"PAGE", {}}, SqlQuery{"COUNT", {}}, 50, 100, schema());
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"data":[],"total":12,"limit":50,"offset":100})"), body);
        CPPUNIT_ASSERT_EQUAL(std::string("COUNT"), session.statements.at(1));

        CannedSession empty; // offset 0 and no row: the total is 0 without asking
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"data":[],"total":0,"limit":50,"offset":0})"),
                             ResourceList::render(empty, SqlQuery{"PAGE", {}}, SqlQuery{"COUNT", {}}, 50, 0, schema()));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), empty.statements.size());
    }

    void etagDependsOnlyOnTheBody() {
        const std::string body = R"({"data":[{"id":1}],"total":1,"limit":50,"offset":0})";
        const std::string tag = ResourceList::etagOf(body);
        CPPUNIT_ASSERT_EQUAL(tag, ResourceList::etagOf(std::string(body)));
        CPPUNIT_ASSERT(tag.front() == '"' && tag.back() == '"');
        CPPUNIT_ASSERT(tag != ResourceList::etagOf(R"({"data":[{"id":1}],"total":2,"limit":50,"offset":0})"));
        CPPUNIT_ASSERT(tag != ResourceList::etagOf(R"({"data":[{"id":2}],"total":1,"limit":50,"offset":0})"));
        // A fixed algorithm: the same tag on every host and every build.
        CPPUNIT_ASSERT_EQUAL(std::string("\"4b9c3eab3a0a9f89-0\""), ResourceList::etagOf(""));
    }

    void ifNoneMatchGives304WithTheTag() {
        const std::string body = R"({"data":[],"total":0,"limit":50,"offset":0})";
        Request request;
        Response first;
        ResourceList::respond(request, first, body);
        CPPUNIT_ASSERT_EQUAL(200, first.status);
        CPPUNIT_ASSERT_EQUAL(body, first.body);
        const std::string etag = first.header("ETag");
        CPPUNIT_ASSERT_EQUAL(ResourceList::etagOf(body), etag);

        request.headers.emplace_back("if-none-match", etag);
        Response second;
        ResourceList::respond(request, second, body);
        CPPUNIT_ASSERT_EQUAL(304, second.status);
        CPPUNIT_ASSERT(second.body.empty());
        CPPUNIT_ASSERT_EQUAL(etag, second.header("ETag"));

        Response changed;
        ResourceList::respond(request, changed, R"({"data":[],"total":1,"limit":50,"offset":0})");
        CPPUNIT_ASSERT_EQUAL(200, changed.status);
    }

    void ifNoneMatchListsWeakTagsAndStar() {
        CPPUNIT_ASSERT(ResourceList::noneMatchNames(R"("a", W/"b-1" , "c")", "\"b-1\""));
        CPPUNIT_ASSERT(ResourceList::noneMatchNames("*", "\"x\""));
        CPPUNIT_ASSERT(!ResourceList::noneMatchNames(R"("a", "c")", "\"b\""));
        CPPUNIT_ASSERT(!ResourceList::noneMatchNames("b", "\"b\""));
        CPPUNIT_ASSERT(!ResourceList::noneMatchNames(",, ", "\"b\""));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ResourceSchemaTest);
