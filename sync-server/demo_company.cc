// The demo company (demo_company.h): people, clients, projects, assets, preventive plans,
// work orders and a count in progress, on top of the stock built by demo_stock.cc.
#include "sync-server/demo_company.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "sync-server/demo_builder.h"

namespace invento::server {
namespace {

using db::Json;
using demo::Builder;

struct Task {
  std::string id;
  std::vector<std::string> employees;
};

}  // namespace

const std::vector<DemoAccount>& DemoAccounts() {
  static const std::vector<DemoAccount> k{
      {"lucas.moreau", "Lucas Moreau", "technician"},
      {"emma.lefebvre", "Emma Lefebvre", "technician"},
      {"hugo.garnier", "Hugo Garnier", "technician"},
      {"chloe.roux", "Chloé Roux", "technician"},
      {"nathan.fournier", "Nathan Fournier", "technician"},
      {"lea.girard", "Léa Girard", "technician"},
      {"claire.dubois", "Claire Dubois", "manager"},
      {"paul.bernard", "Paul Bernard", "consultant"},
  };
  return k;
}

std::vector<DemoMutation> DemoCompany(const DemoPeople& people, const Date& today) {
  Builder b(today);
  const demo::StockIds stock = demo::AddStock(b);

  // --- People: skills, seven employees (six technicians, the manager), two teams.
  std::vector<std::string> skills;
  for (const char* name : {"Électricité", "Plomberie", "Chauffage et climatisation",
                           "Hydraulique", "Soudure", "Habilitation électrique B2V"}) {
    skills.push_back(b.Add("skill.create", {{"id", b.NewId()}, {"name", name}}));
  }
  std::vector<std::string> employees;
  const std::array<const char*, 7> titles{"Technicien électricien", "Technicienne CVC",
      "Technicien polyvalent", "Technicienne plombière", "Technicien hydraulicien",
      "Technicienne électricienne", "Responsable maintenance"};
  for (std::size_t i = 0; i < 7; ++i) {
    const DemoAccount& account = DemoAccounts()[i];
    const std::string& user = i < 6 ? people.technician_user_ids[i] : people.manager_user_id;
    const std::string id = b.Add("employee.create", {{"id", b.NewId()}, {"name", account.display_name},
        {"user_id", user}, {"job_title", titles[i]}, {"phone", "06 12 34 5" + std::to_string(i) + " 0" + std::to_string(i)},
        {"email", account.username + "@maintenance-demo.example"}});
    employees.push_back(id);
    b.Add("employee.set_rate", {{"id", b.NewId()}, {"employee_id", id},
                                {"effective_from", b.Day(-365)}, {"rate_cents", 3800 + 250 * static_cast<int>(i)}});
    Json hours = Json::array();
    for (int day = 1; day <= 5; ++day) {
      hours.push_back({{"weekday", day}, {"start", "08:00"}, {"end", "12:00"}});
      hours.push_back({{"weekday", day}, {"start", "13:30"}, {"end", "17:30"}});
    }
    b.Add("employee.set_working_hours", {{"employee_id", id}, {"hours", std::move(hours)}});
    if (i < 6) {
      for (std::size_t s = 0; s < 3; ++s) {
        b.Add("employee.set_skill", {{"id", b.NewId()}, {"employee_id", id},
                                     {"skill_id", skills[(i + s * 2) % skills.size()]},
                                     {"level", b.Between(2, 5)}});
      }
    }
  }
  std::array<std::string, 2> teams{
      b.Add("team.create", {{"id", b.NewId()}, {"name", "Équipe Lyon"}, {"description", "Agglomération lyonnaise"}}),
      b.Add("team.create", {{"id", b.NewId()}, {"name", "Équipe Grenoble"}, {"description", "Isère et Savoie"}})};
  for (std::size_t i = 0; i < 6; ++i) {
    b.Add("team.add_member", {{"id", b.NewId()}, {"team_id", teams[i / 3]}, {"employee_id", employees[i]}});
  }
  b.Add("absence.create", {{"id", b.NewId()}, {"employee_id", employees[3]}, {"kind", "vacation"},
                           {"start_date", b.Day(7)}, {"end_date", b.Day(11)}, {"note", "Congés"}});
  b.Add("absence.create", {{"id", b.NewId()}, {"employee_id", employees[4]}, {"kind", "sick"},
                           {"start_date", b.Day(-3)}, {"end_date", b.Day(-1)}});
  b.Add("absence.create", {{"id", b.NewId()}, {"employee_id", employees[2]}, {"kind", "training"},
                           {"start_date", b.Day(2)}, {"end_date", b.Day(2)}, {"note", "Recyclage habilitation électrique"}});

  // Who works where: vans, warehouses (teams).
  b.Add("location.assign", {{"id", b.NewId()}, {"location_id", stock.vans[0]}, {"employee_id", employees[0]}});
  b.Add("location.assign", {{"id", b.NewId()}, {"location_id", stock.vans[1]}, {"employee_id", employees[1]}});
  b.Add("location.assign", {{"id", b.NewId()}, {"location_id", stock.vans[2]}, {"team_id", teams[1]}});
  b.Add("location.assign", {{"id", b.NewId()}, {"location_id", stock.warehouses[0]}, {"team_id", teams[0]}});
  b.Add("location.assign", {{"id", b.NewId()}, {"location_id", stock.warehouses[1]}, {"team_id", teams[1]}});

  // --- Clients, with their assets and meters.
  auto client = [&](const char* name, const char* contact, const char* address) {
    return b.Add("client.create", {{"id", b.NewId()}, {"name", name},
        {"contacts", Json::array({Json{{"name", contact}, {"role", "Responsable technique"}, {"phone", "04 78 00 00 00"}}})},
        {"addresses", Json::array({Json{{"label", "Site"}, {"text", address}}})}});
  };
  const std::string clinic = client("Clinique du Parc", "Isabelle Fabre", "12 avenue du Parc, 69006 Lyon");
  const std::string town = client("Mairie de Villeurbanne", "Karim Haddad", "Place Lazare-Goujon, 69100 Villeurbanne");
  const std::string bakery = client("Boulangerie Martin", "Pierre Martin", "4 rue Mercière, 69002 Lyon");
  const std::string hotel = client("Hôtel Bellecour", "Anne Lambert", "9 place Bellecour, 69002 Lyon");

  auto asset = [&](const char* kind, const char* name, const std::string& parent, const std::string& owner,
                   const char* criticality) {
    Json a{{"id", b.NewId()}, {"kind", kind}, {"name", name}, {"client_id", owner}, {"criticality", criticality},
           {"commissioned_on", b.Day(-2000)}};
    if (!parent.empty()) a["parent_id"] = parent;
    return b.Add("asset.create", std::move(a));
  };
  const std::string clinic_site = asset("site", "Clinique du Parc", "", clinic, "high");
  const std::string ahu = asset("machine", "Centrale de traitement d'air CTA-1", clinic_site, clinic, "critical");
  asset("component", "Ventilateur de soufflage", ahu, clinic, "high");
  const std::string chiller = asset("machine", "Groupe froid", clinic_site, clinic, "high");
  const std::string town_site = asset("site", "Hôtel de ville", "", town, "medium");
  const std::string boiler = asset("machine", "Chaudière fioul 350 kW", town_site, town, "high");
  const std::string bakery_site = asset("site", "Boulangerie Martin", "", bakery, "medium");
  const std::string oven = asset("machine", "Four à sole", bakery_site, bakery, "critical");
  const std::string hotel_site = asset("site", "Hôtel Bellecour", "", hotel, "medium");
  const std::string compressor = asset("machine", "Compresseur d'air 11 kW", hotel_site, hotel, "medium");
  const std::string ahu_hours = b.Add("meter.create", {{"id", b.NewId()}, {"asset_id", ahu}, {"name", "Heures de fonctionnement"}, {"unit", "h"}});
  const std::string compressor_hours = b.Add("meter.create", {{"id", b.NewId()}, {"asset_id", compressor}, {"name", "Heures de marche"}, {"unit", "h"}});
  for (int k = 0; k < 6; ++k) {
    b.Add("meter.record", {{"id", b.NewId()}, {"meter_id", ahu_hours}, {"value", std::to_string(12000 + k * 160)}, {"read_at", b.At(-30 + k * 6, 9)}});
    b.Add("meter.record", {{"id", b.NewId()}, {"meter_id", compressor_hours}, {"value", std::to_string(400 + k * 18)}, {"read_at", b.At(-30 + k * 6, 10)}});
  }
  b.Add("asset.set_status", {{"id", b.NewId()}, {"asset_id", chiller}, {"status", "down"}, {"at", b.At(-12, 7)}, {"note", "Alarme haute pression"}});
  b.Add("asset.set_status", {{"id", b.NewId()}, {"asset_id", chiller}, {"status", "running"}, {"at", b.At(-11, 15)}});

  // --- Preventive plans (calendar and meter), then generation as of today.
  b.Add("pm.create", {{"id", b.NewId()}, {"asset_id", ahu}, {"title", "Remplacement des filtres CTA-1"}, {"trigger", "calendar"},
                      {"interval_n", 1}, {"interval_unit", "month"}, {"start_date", b.Day(-35)}, {"lead_days", 7},
                      {"estimated_hours", "2"}, {"team_id", teams[0]},
                      {"checklist", Json::array({Json{{"label", "Relever la perte de charge"}, {"required", true}},
                                                 Json{{"label", "Changer les filtres F7"}, {"required", true}}})}});
  b.Add("pm.create", {{"id", b.NewId()}, {"asset_id", boiler}, {"title", "Entretien annuel chaudière"}, {"trigger", "calendar"},
                      {"interval_n", 1}, {"interval_unit", "year"}, {"start_date", b.Day(20)}, {"lead_days", 30},
                      {"estimated_hours", "4"}});
  b.Add("pm.create", {{"id", b.NewId()}, {"asset_id", oven}, {"title", "Contrôle trimestriel du four"}, {"trigger", "calendar"},
                      {"interval_n", 3}, {"interval_unit", "month"}, {"start_date", b.Day(45)}, {"estimated_hours", "1.5"}});
  b.Add("pm.create", {{"id", b.NewId()}, {"asset_id", compressor}, {"title", "Vidange compresseur (500 h)"}, {"trigger", "meter"},
                      {"meter_id", compressor_hours}, {"meter_interval", "500"}, {"meter_base", "0"}, {"lead_units", "20"},
                      {"estimated_hours", "1"}});
  b.Add("pm.generate", {{"as_of", b.Day(0)}});

  // --- Projects with budgets and other cost lines.
  auto project = [&](const char* code, const char* name, const std::string& owner, int budget, const char* status) {
    return b.Add("project.create", {{"id", b.NewId()}, {"code", code}, {"name", name}, {"client_id", owner},
                                    {"start_date", b.Day(-40)}, {"end_date", b.Day(60)}, {"budget_cents", budget}, {"status", status}});
  };
  const std::string heating = project("MVB-2026-01", "Rénovation de la chaufferie", town, 4'500'000, "active");
  const std::string wiring = project("CLP-2026-02", "Mise en conformité électrique", clinic, 1'800'000, "active");
  const std::string hvac = project("HBC-2027-01", "Remplacement de la CTA", hotel, 2'500'000, "draft");
  b.Add("project.add_cost", {{"id", b.NewId()}, {"project_id", heating}, {"label", "Location de nacelle"}, {"amount_cents", 68000}, {"incurred_on", b.Day(-20)}});
  b.Add("project.add_cost", {{"id", b.NewId()}, {"project_id", heating}, {"label", "Sous-traitance désamiantage"}, {"amount_cents", 1'250'000}, {"incurred_on", b.Day(-15)}});
  b.Add("project.add_cost", {{"id", b.NewId()}, {"project_id", wiring}, {"label", "Contrôle bureau de vérification"}, {"amount_cents", 95000}, {"incurred_on", b.Day(-5)}});

  // --- Work orders in every status: {title, type, priority, status path, project, asset, site, day}.
  struct Spec {
    const char* title;
    const char* type;
    const char* priority;
    std::vector<const char*> path;  // statuses after creation as "planned"
    std::string project, asset, site;
    int day;                        // planned day (relative)
    std::vector<std::size_t> who;   // employees
  };
  const std::vector<Spec> specs{
      {"Devis remplacement du groupe froid", "other", "normal", {"draft"}, "", chiller, stock.sites[0], 10, {}},
      {"Dépannage groupe froid : alarme HP", "corrective", "urgent", {"in_progress", "done", "closed"}, "", chiller, stock.sites[0], -12, {1}},
      {"Remplacement tableau divisionnaire bloc B", "installation", "high", {"in_progress"}, wiring, clinic_site, stock.sites[0], -1, {0, 5}},
      {"Tirage de câbles étage 2", "installation", "normal", {}, wiring, clinic_site, stock.sites[0], 3, {5}},
      {"Dépose ancienne chaudière", "installation", "high", {"in_progress", "done"}, heating, boiler, stock.sites[1], -8, {2, 3}},
      {"Raccordement nouveau brûleur", "installation", "high", {"in_progress", "on_hold"}, heating, boiler, stock.sites[1], -2, {3}},
      {"Mise en service chaufferie", "inspection", "normal", {}, heating, boiler, stock.sites[1], 14, {2}},
      {"Four à sole : porte qui ferme mal", "corrective", "high", {"in_progress", "done", "closed"}, "", oven, "", -20, {0}},
      {"Fuite sur réseau d'air comprimé", "corrective", "normal", {}, "", compressor, "", -4, {4}},
      {"Contrôle éclairage de sécurité", "inspection", "low", {}, "", clinic_site, stock.sites[0], 1, {1}},
      {"Remplacement joint porte chambre froide", "corrective", "normal", {"cancelled"}, "", bakery_site, "", -6, {0}},
      {"Relevé des compteurs CTA", "inspection", "low", {"in_progress", "done"}, "", ahu, stock.sites[0], -3, {1}},
      {"Étude remplacement CTA", "other", "normal", {"draft"}, hvac, hotel_site, "", 30, {}},
  };
  std::size_t part = 0;
  for (const Spec& s : specs) {
    Json t{{"id", b.NewId()}, {"title", s.title}, {"type", s.type}, {"priority", s.priority},
           {"status", s.path.size() == 1 && std::string(s.path[0]) == "draft" ? "draft" : "planned"},
           {"planned_start", b.At(s.day, 8)}, {"planned_end", b.At(s.day, 12)}, {"due_date", b.Day(s.day + 2)},
           {"estimated_hours", "4"}};
    if (!s.project.empty()) t["project_id"] = s.project;
    if (!s.asset.empty()) t["asset_id"] = s.asset;
    if (!s.site.empty()) t["location_id"] = s.site;
    const std::string task = b.Add("task.create", std::move(t));
    for (std::size_t who : s.who) {
      b.Add("task.assign", {{"id", b.NewId()}, {"task_id", task}, {"employee_id", employees[who]}});
    }
    const std::string van = stock.vans[s.who.empty() ? 0 : std::min<std::size_t>(s.who[0], 2)];
    const std::string item = stock.items[(part++ * 41) % stock.items.size()];
    b.Add("task.plan_material", {{"id", b.NewId()}, {"task_id", task}, {"item_id", item}, {"location_id", van}, {"qty", "2"}});
    b.Add("checklist.add", {{"id", b.NewId()}, {"task_id", task}, {"label", "Consigner l'équipement"}, {"position", 1}});
    b.Add("checklist.add", {{"id", b.NewId()}, {"task_id", task}, {"label", "Essais et remise en service"}, {"position", 2}});
    for (const char* status : s.path) {
      if (std::string(status) == "draft") continue;
      b.Add("task.set_status", {{"id", b.NewId()}, {"task_id", task}, {"status", status},
                                {"at", b.At(std::min(s.day, 0), 9)}});
      if (std::string(status) == "in_progress" && !s.who.empty()) {
        b.Add("task.consume", {{"id", b.NewId()}, {"task_id", task}, {"item_id", item}, {"location_id", van}, {"qty", "1"}});
        for (std::size_t who : s.who) {
          b.Add("time.log", {{"id", b.NewId()}, {"task_id", task}, {"employee_id", employees[who]},
                             {"work_date", b.Day(std::min(s.day, 0))}, {"hours", std::to_string(b.Between(2, 6))}});
        }
      }
    }
  }

  // --- A count in progress on the first van, three lines recorded.
  const std::string count = b.Add("count.open", {{"id", b.NewId()}, {"location_id", stock.vans[0]},
                                                 {"name", "Inventaire camionnette 1"}});
  for (std::size_t k = 0; k < 3; ++k) {
    b.Add("count.record", {{"id", b.NewId()}, {"session_id", count},
                           {"item_id", stock.items[(k * 13) % stock.items.size()]}, {"qty", std::to_string(2 + k)}});
  }
  return std::move(b.out);
}

}  // namespace invento::server
