// A test-only plugin that makes the job engine's cluster guarantees visible
// through HTTP, for the scale-out test (ClusterTest) and scripts/cluster:
//
// - a scheduled job `ops.tick` (every `plugins.opsprobe.tickInterval`,
//   default 2s) records each run as (slot, host) in `ops_ticks`, where slot
//   is the tick's index (wall-clock ms / interval). Two rows with one slot
//   mean a tick ran on two hosts.
// - a queue `ops.work`: POST /ops/jobs {"batch","count","workMs"} enqueues
//   `count` jobs; each sleeps `workMs` (so some are in flight when a host
//   stops) and records (batch, seq, host) in `ops_jobs`.
// - GET /ops/report?batch=B lists both.
//
// `plugins.opsprobe.hostName` names the host in the rows. Every route is
// public: this plugin is never installed or loaded outside tests.

#include <motel/sdk/Sdk.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <chrono>
#include <thread>

namespace motel::test {

class OpsProbePlugin : public sdk::Plugin {
public:
    sdk::PluginInfo info() const override {
        return {"opsprobe", "1.0.0", "Test probe: scheduled ticks and queued jobs across hosts", {}};
    }

    std::vector<sdk::Migration> migrations() const override {
        return {{1, "create ops probe tables",
                 "CREATE TABLE ops_ticks (id {{id}}, slot {{bigint}} NOT NULL, host TEXT NOT NULL);"
                 "CREATE TABLE ops_jobs (id {{id}}, batch TEXT NOT NULL, seq {{bigint}} NOT NULL, "
                 "host TEXT NOT NULL)"}};
    }

    void start(sdk::PluginContext& context) override {
        auto& database = context.database();
        auto& jobs = context.jobs();
        const std::string host = context.config().getString("hostName", "host");
        const auto interval = context.config().getDuration("tickInterval", std::chrono::seconds(2));

        jobs.every("ops.tick", interval, [&database, host, interval] {
            const auto nowMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count();
            const std::int64_t slot = nowMs / interval.count();
            database.withSession([&](sdk::SqlSession& sql) {
                sql.execute("INSERT INTO ops_ticks (slot, host) VALUES ($1, $2)", {slot, host});
            });
        });

        jobs.handle("ops.work", [&database, host](const Poco::Dynamic::Var& payload) {
            const auto job = payload.extract<Poco::JSON::Object::Ptr>();
            std::this_thread::sleep_for(std::chrono::milliseconds(job->getValue<std::int64_t>("workMs")));
            database.withSession([&](sdk::SqlSession& sql) {
                sql.execute("INSERT INTO ops_jobs (batch, seq, host) VALUES ($1, $2, $3)",
                            {job->getValue<std::string>("batch"), job->getValue<std::int64_t>("seq"), host});
            });
        });

        context.routes().post("/ops/jobs", sdk::Access::publicRoute(),
                              [&jobs](const sdk::Request& request, sdk::Response& response) {
                                  sdk::BodyReader body(request.jsonObject(), {"batch", "count", "workMs"});
                                  const auto batch = body.string("batch", sdk::Required::yes);
                                  const auto count = body.integer("count", sdk::Required::yes);
                                  const auto workMs = body.integer("workMs", sdk::Required::yes);
                                  body.finish();
                                  for (std::int64_t seq = 0; seq < *count; ++seq) {
                                      Poco::JSON::Object::Ptr job = new Poco::JSON::Object;
                                      job->set("batch", *batch);
                                      job->set("seq", seq);
                                      job->set("workMs", *workMs);
                                      jobs.enqueue("ops.work", job);
                                  }
                                  Poco::JSON::Object::Ptr answer = new Poco::JSON::Object;
                                  answer->set("enqueued", *count);
                                  response.json(202, answer);
                              });

        context.routes().get("/ops/report", sdk::Access::publicRoute(),
                             [&database](const sdk::Request& request, sdk::Response& response) {
                                 Poco::JSON::Object::Ptr answer = new Poco::JSON::Object;
                                 Poco::JSON::Array::Ptr ticks = new Poco::JSON::Array;
                                 Poco::JSON::Array::Ptr done = new Poco::JSON::Array;
                                 database.withSession([&](sdk::SqlSession& sql) {
                                     for (const auto& row : sql.query("SELECT slot, host FROM ops_ticks ORDER BY id")) {
                                         Poco::JSON::Object::Ptr tick = new Poco::JSON::Object;
                                         tick->set("slot", row.integer("slot"));
                                         tick->set("host", row.text("host"));
                                         ticks->add(tick);
                                     }
                                     const std::string batch = request.queryValue("batch").value_or("");
                                     for (const auto& row : sql.query(
                                              "SELECT seq, host FROM ops_jobs WHERE batch = $1 ORDER BY id", {batch})) {
                                         Poco::JSON::Object::Ptr job = new Poco::JSON::Object;
                                         job->set("seq", row.integer("seq"));
                                         job->set("host", row.text("host"));
                                         done->add(job);
                                     }
                                 });
                                 answer->set("ticks", ticks);
                                 answer->set("jobs", done);
                                 response.json(200, answer);
                             });
    }
};

} // namespace motel::test

MOTEL_PLUGIN(motel::test::OpsProbePlugin)
