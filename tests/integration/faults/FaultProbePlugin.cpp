// A test plugin that makes background jobs visible to the fault tests:
//   POST /fault/jobs {"n": N, "delayMs": D}  queues job N on `fault.probe`
//                                            (503 when the queue cannot take it)
//   GET  /fault/jobs  {"done": [N...], "ticks": T}  jobs run so far, and how
//                     often the `fault.tick` schedule (every 200 ms) fired
//   GET  /fault/overdue  {"<task id>": N, ...}  how often this host published
//                     `task.overdue` for each task
// Only the fault suites load it (built into tests/fault-plugins).

#include <motel/sdk/Sdk.h>

#include <Poco/JSON/Array.h>

#include <atomic>
#include <map>
#include <mutex>
#include <set>

namespace {

class FaultProbePlugin : public motel::sdk::Plugin {
public:
    motel::sdk::PluginInfo info() const override { return {"fault_probe", "0.0.1", "fault test probe", {}}; }

    void start(motel::sdk::PluginContext& context) override {
        using motel::sdk::Access;
        auto& jobs = context.jobs();
        jobs.handle("fault.probe", [this](const Poco::Dynamic::Var& payload) {
            const auto n = payload.extract<Poco::JSON::Object::Ptr>()->getValue<int>("n");
            std::lock_guard<std::mutex> lock(mutex_);
            done_.insert(n);
        });
        jobs.every("fault.tick", std::chrono::milliseconds(200), [this] { ++ticks_; });
        context.events().subscribe("task.overdue", [this](const motel::sdk::Event& event) {
            const auto id = event.payload.extract<Poco::JSON::Object::Ptr>()->get("id").toString();
            std::lock_guard<std::mutex> lock(mutex_);
            ++overdue_[id];
        });
        context.routes().get("/fault/overdue", Access::publicRoute(), [this](const auto&, auto& response) {
            Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
            std::lock_guard<std::mutex> lock(mutex_);
            for (const auto& [id, count] : overdue_) body->set(id, count);
            response.json(200, body);
        });
        context.routes().post("/fault/jobs", Access::publicRoute(), [&jobs](const auto& request, auto& response) {
            const auto body = request.jsonObject();
            Poco::JSON::Object::Ptr payload = new Poco::JSON::Object;
            payload->set("n", body->template getValue<int>("n"));
            motel::sdk::JobOptions options;
            options.delay =
                std::chrono::milliseconds(body->has("delayMs") ? body->template getValue<int>("delayMs") : 0);
            try {
                jobs.enqueue("fault.probe", payload, options);
            } catch (const motel::sdk::HttpError&) {
                throw;
            } catch (const std::exception& error) {
                throw motel::sdk::ServiceUnavailable(std::string("queue unavailable: ") + error.what());
            }
            response.json(202, payload);
        });
        context.routes().get("/fault/jobs", Access::publicRoute(), [this](const auto&, auto& response) {
            Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
            Poco::JSON::Array::Ptr done = new Poco::JSON::Array;
            {
                std::lock_guard<std::mutex> lock(mutex_);
                for (const int n : done_) done->add(n);
            }
            body->set("done", done);
            body->set("ticks", ticks_.load());
            response.json(200, body);
        });
    }

    void stop() noexcept override {}

private:
    std::mutex mutex_;
    std::set<int> done_;
    std::map<std::string, int> overdue_;
    std::atomic<long> ticks_{0};
};

} // namespace

MOTEL_PLUGIN(FaultProbePlugin)
