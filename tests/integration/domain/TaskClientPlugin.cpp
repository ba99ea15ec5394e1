// A third-party-style plugin that reaches the tasks plugin only through its
// published TaskDirectory (<motel/plugins/tasks/TaskDirectory.h>), for the
// TaskDirectory scenarios (built into tests/domain-plugins, never installed):
//   POST /fixture/task-client/tasks {"task": {...POST /api/tasks fields...},
//        "note": "...", "fail": false}
//        one transaction: the task through TaskDirectory::create as the
//        caller, then a row in this plugin's own table; "fail": true throws
//        (409) after both, so neither stays. 201 with the task.
//   GET  /fixture/task-client/tasks/:id            TaskDirectory::find (404)
//   GET  /fixture/task-client/suites/:id/open      {"ids": [...]} openTasksOfSuite
//   GET  /fixture/task-client/notes                {"count": N} rows of its table

#include <motel/plugins/tasks/TaskDirectory.h>
#include <motel/sdk/Sdk.h>

#include <Poco/JSON/Array.h>

namespace {

using motel::plugins::tasks::NewTask;
using motel::plugins::tasks::Task;
using motel::plugins::tasks::TaskDirectory;
using motel::sdk::SqlValue;

template <class T> std::optional<T> optionalField(const Poco::JSON::Object::Ptr& object, const std::string& field) {
    if (!object->has(field) || object->isNull(field)) return std::nullopt;
    return object->getValue<T>(field);
}

NewTask draftOf(const Poco::JSON::Object::Ptr& body) {
    NewTask draft;
    draft.suiteId = optionalField<Poco::Int64>(body, "suiteId");
    draft.type = optionalField<std::string>(body, "type").value_or("");
    draft.title = optionalField<std::string>(body, "title").value_or("");
    draft.description = optionalField<std::string>(body, "description");
    draft.priority = optionalField<std::string>(body, "priority").value_or("normal");
    draft.assigneeId = optionalField<Poco::Int64>(body, "assigneeId");
    draft.dueAt = optionalField<std::string>(body, "dueAt");
    draft.blocksSuite = optionalField<bool>(body, "blocksSuite").value_or(false);
    return draft;
}

Poco::JSON::Object::Ptr jsonOf(const Task& task) {
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
    out->set("id", task.id);
    out->set("status", task.status);
    out->set("title", task.title);
    out->set("createdById", task.createdById.value_or(0));
    return out;
}

class TaskClientPlugin : public motel::sdk::Plugin {
public:
    motel::sdk::PluginInfo info() const override {
        return {"task_client", "0.0.1", "creates tasks through the published TaskDirectory", {"tasks"}};
    }

    std::vector<motel::sdk::Migration> migrations() const override {
        return {{1, "notes", "CREATE TABLE task_client_notes (id {{id}}, task_id BIGINT NOT NULL, note TEXT)"}};
    }

    void start(motel::sdk::PluginContext& context) override {
        using motel::sdk::Access;
        tasks_ = context.services().require<TaskDirectory>();
        auto& database = context.database();
        auto& routes = context.routes();
        routes.post("/fixture/task-client/tasks", Access::authenticated(),
                    [this, &database](const motel::sdk::Request& request, motel::sdk::Response& response) {
                        const auto body = request.jsonObject();
                        const auto task = body->getObject("task");
                        std::optional<Task> created;
                        database.transaction([&](motel::sdk::SqlSession& session) {
                            created = tasks_->create(session, draftOf(task), *request.principal);
                            session.execute("INSERT INTO task_client_notes (task_id, note) VALUES ($1, $2)",
                                            {SqlValue(created->id), SqlValue(body->optValue<std::string>("note", ""))});
                            if (body->optValue<bool>("fail", false))
                                throw motel::sdk::Conflict("the client plugin was asked to fail");
                        });
                        response.json(201, jsonOf(*created));
                    });
        routes.get("/fixture/task-client/tasks/:id", Access::authenticated(),
                   [this, &database](const motel::sdk::Request& request, motel::sdk::Response& response) {
                       std::optional<Task> found;
                       database.withSession([&](motel::sdk::SqlSession& session) {
                           found = tasks_->find(session, request.idParam().value_or(0));
                       });
                       if (!found) throw motel::sdk::NotFound("no such task");
                       response.json(200, jsonOf(*found));
                   });
        routes.get("/fixture/task-client/suites/:id/open", Access::authenticated(),
                   [this, &database](const motel::sdk::Request& request, motel::sdk::Response& response) {
                       Poco::JSON::Array::Ptr ids = new Poco::JSON::Array;
                       database.withSession([&](motel::sdk::SqlSession& session) {
                           for (const auto& task : tasks_->openTasksOfSuite(session, request.idParam().value_or(0)))
                               ids->add(task.id);
                       });
                       Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
                       out->set("ids", ids);
                       response.json(200, out);
                   });
        routes.get("/fixture/task-client/notes", Access::authenticated(),
                   [&database](const motel::sdk::Request&, motel::sdk::Response& response) {
                       Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
                       database.withSession([&](motel::sdk::SqlSession& session) {
                           const auto rows = session.query("SELECT COUNT(*) AS n FROM task_client_notes");
                           out->set("count", rows.front().integer("n"));
                       });
                       response.json(200, out);
                   });
    }

private:
    std::shared_ptr<TaskDirectory> tasks_;
};

} // namespace

MOTEL_PLUGIN(TaskClientPlugin)
