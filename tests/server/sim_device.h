// A simulated device for sync tests: its own in-memory core, the core's client half, and a
// transport to the server (in-process App::Handle or real HTTP). Nothing is mocked: the
// requests are the real JSON the browser sends.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <random>

#include "core/base/clock.h"
#include "core/sync/client.h"
#include "core/sync/protocol.h"
#include "sync-server/app.h"

namespace invento::server::testing {

inline std::string RandomId(std::mt19937_64& rng) {
  static const char* hex = "0123456789abcdef";
  std::string s = "xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx";
  for (auto& c : s) {
    if (c == 'x') c = hex[rng() % 16];
  }
  return s;
}

class SimDevice {
 public:
  using Transport = std::function<HttpResponse(const HttpRequest&)>;

  SimDevice(Transport transport, std::mt19937_64& rng) : transport_(std::move(transport)) {
    core_ = Core::Open({}).value();
    client_ = std::make_unique<sync::SyncClient>(*core_);
    client_id_ = client_->Init(RandomId(rng)).value();
  }

  HttpResponse Post(const std::string& path, const Json& body) {
    HttpRequest r;
    r.method = "POST";
    r.target = path;
    r.body = body.dump();
    r.headers["content-type"] = "application/json";
    r.remote_address = "127.0.0.1";
    if (!token_.empty()) r.headers["authorization"] = "Bearer " + token_;
    return transport_(r);
  }

  bool Login(const std::string& username, const std::string& password) {
    auto r = Post("/api/login", {{"username", username}, {"password", password}});
    if (r.status != 200) {
      ADD_FAILURE() << "login " << username << ": " << r.status << " " << r.body;
      return false;
    }
    Json b = Json::parse(r.body);
    token_ = b["token"].get<std::string>();
    actor_ = {b["user"]["id"].get<std::string>(), ParseRole(b["user"]["role"].get<std::string>()).value()};
    return true;
  }

  Result<Json> Mutate(const std::string& name, const Json& args) {
    return client_->Mutate(name, args, actor_, now_ms);
  }

  // Pushes up to `max` pending mutations. drop_response simulates a lost answer.
  Status Push(std::size_t max = 100, bool drop_response = false) {
    auto req = client_->PushRequest(max);
    if (!req.ok()) return req.status();
    if (req->empty()) return Status::Ok();
    auto r = Post("/api/push", req.value());
    last_push_status = r.status;
    last_push_body = r.body;
    if (r.status != 200) return Status::Internal("push failed: " + std::to_string(r.status) + " " + r.body);
    if (drop_response) return Status::Ok();
    return client_->ApplyPushResponse(Json::parse(r.body), now_ms);
  }

  Status Pull(std::int64_t limit = 0) {
    for (int page = 0; page < 10000; ++page) {
      auto req = client_->PullRequest();
      if (!req.ok()) return req.status();
      Json body = req.value();
      if (limit) body["limit"] = limit;
      auto r = Post("/api/pull", body);
      if (r.status != 200) return Status::Internal("pull failed: " + std::to_string(r.status) + " " + r.body);
      auto applied = client_->ApplyPull(Json::parse(r.body), actor_, now_ms);
      if (!applied.ok()) return applied.status();
      ++pages_pulled;
      if (applied.value()["done"] == true) return Status::Ok();
    }
    return Status::Internal("pull did not finish");
  }

  // Pushes everything pending (in batches), then pulls once.
  Status Sync() {
    while (!client_->PushRequest(1).value().empty()) INVENTO_RETURN_IF_ERROR(Push(1000));
    return Pull();
  }

  // What the browser worker does with a snapshot (wasm/bindings.cc, InstallSnapshot): keep
  // the sync state and unsent mutations (SyncClient::Salvage), make the snapshot the
  // database file, open it, and put them back (SyncClient::Restore).
  Status InstallSnapshot(const std::string& bytes, const std::string& path) {
    Json salvaged = sync::SyncClient::Salvage(core_->db());
    { std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes; }
    INVENTO_ASSIGN_OR_RETURN(auto core, Core::Open({.path = path}));
    auto client = std::make_unique<sync::SyncClient>(*core);
    // The simulated device keeps no session in its database: the user it acts for re-runs
    // the kept mutations.
    INVENTO_RETURN_IF_ERROR(client->SetSession(
        {{"token", token_}, {"user", {{"id", actor_.user_id}, {"role", std::string(RoleName(actor_.role))}}}}));
    INVENTO_ASSIGN_OR_RETURN(Json restored, client->Restore(salvaged, "unused-fresh-id"));
    client_ = std::move(client);
    core_ = std::move(core);
    return Status::Ok();
  }

  std::int64_t Pending() { return client_->State().value()["pending"].get<std::int64_t>(); }
  Json State() { return client_->State().value(); }
  std::string Digest() { return sync::TablesDigest(core_->db(), core_->tables()).value(); }
  Core& core() { return *core_; }
  const std::string& client_id() const { return client_id_; }
  const std::string& token() const { return token_; }
  const Actor& actor() const { return actor_; }

  std::int64_t now_ms = NowMs();
  int last_push_status = 0;
  std::string last_push_body;
  int pages_pulled = 0;

 private:
  Transport transport_;
  std::unique_ptr<Core> core_;
  std::unique_ptr<sync::SyncClient> client_;
  std::string client_id_, token_;
  Actor actor_;
};

}  // namespace invento::server::testing
