// The demo company's stock (demo_builder.h): 12 categories with their attribute definition,
// 5 suppliers, 2 warehouses (zones, bins), 3 vans, 2 client sites, 300 items, opening stock.
#include <array>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "sync-server/demo_builder.h"

namespace invento::server::demo {
namespace {

using db::Json;

// One category: its attribute, and 5 products x 5 variants = 25 items.
struct CategorySpec {
  const char* name;
  const char* parent;  // "" for a top-level category
  const char* prefix;  // item references: PREFIX-001...
  const char* unit;
  const char* attribute;
  const char* type;  // number | choice | text
  const char* attribute_unit;
  std::array<const char*, 5> variants;  // the attribute's values (choices for "choice")
  std::array<const char*, 5> products;
  int price_low, price_high;  // cents
};

const std::vector<CategorySpec>& Catalog() {
  static const std::vector<CategorySpec> k{
      {"Roulements", "", "ROU", "piece", "Diamètre intérieur", "number", "mm",
       {"15", "20", "25", "30", "35"},
       {"Roulement à billes 62", "Roulement à billes 63", "Roulement à rouleaux coniques",
        "Palier à semelle UCP", "Roulement étanche 2RS"}, 450, 6800},
      {"Filtres", "", "FIL", "piece", "Classe de filtration", "choice", "",
       {"G4", "M5", "F7", "F9", "H13"},
       {"Filtre plissé 592x592", "Filtre à poches 592x592", "Filtre compact 287x592",
        "Préfiltre en rouleau", "Filtre panneau 490x490"}, 900, 14500},
      {"Courroies", "", "COU", "piece", "Profil", "choice", "",
       {"SPZ", "SPA", "SPB", "A", "B"},
       {"Courroie trapézoïdale 1000 mm", "Courroie trapézoïdale 1250 mm",
        "Courroie trapézoïdale 1600 mm", "Courroie crantée 2000 mm", "Courroie trapézoïdale 2500 mm"},
       650, 4200},
      {"Visserie", "", "VIS", "piece", "Matière", "choice", "",
       {"Inox A2", "Inox A4", "Acier zingué", "Laiton", "Acier 8.8"},
       {"Vis CHC M6x20", "Écrou hexagonal M8", "Rondelle plate M10", "Tige filetée M12 1 m",
        "Vis à tôle 4,2x19"}, 5, 350},
      {"Électricité", "", "", "", "", "", "", {}, {}, 0, 0},
      {"Protection électrique", "Électricité", "PRO", "piece", "Calibre", "number", "A",
       {"6", "10", "16", "20", "32"},
       {"Disjoncteur 1P+N", "Disjoncteur 3P", "Fusible gG 10x38", "Interrupteur différentiel 30 mA",
        "Contacteur modulaire"}, 320, 9800},
      {"Câbles", "Électricité", "CAB", "m", "Section", "number", "mm²",
       {"1.5", "2.5", "4", "6", "10"},
       {"Câble R2V 3G", "Câble H07RN-F 4G", "Fil H07V-U", "Câble souple H05VV-F 3G",
        "Câble blindé 4G"}, 60, 950},
      {"Plomberie", "", "PLO", "piece", "Diamètre nominal", "choice", "",
       {"DN15", "DN20", "DN25", "DN32", "DN40"},
       {"Vanne à boisseau sphérique", "Clapet anti-retour", "Raccord union laiton",
        "Manchon PVC pression", "Joint fibre"}, 40, 7600},
      {"Chauffage et climatisation", "", "CVC", "piece", "Marque", "text", "",
       {"Grundfos", "Wilo", "Danfoss", "Honeywell", "Siemens"},
       {"Circulateur", "Vase d'expansion 18 L", "Purgeur automatique", "Sonde de température",
        "Thermostat d'ambiance"}, 1200, 42000},
      {"Lubrifiants", "", "LUB", "piece", "Conditionnement", "choice", "",
       {"400 ml", "1 L", "5 L", "20 L", "50 kg"},
       {"Graisse lithium EP2", "Huile hydraulique HV46", "Huile de coupe soluble", "Dégrippant",
        "Huile pour compresseur"}, 650, 18900},
      {"Hydraulique et pneumatique", "", "HYD", "piece", "Pression maximale", "number", "bar",
       {"10", "16", "40", "160", "250"},
       {"Flexible hydraulique 1/4\"", "Raccord rapide", "Vérin pneumatique Ø32",
        "Électrovanne 5/2", "Régulateur de pression"}, 900, 21000},
      {"Équipements de protection", "", "EPI", "piece", "Taille", "choice", "",
       {"S", "M", "L", "XL", "XXL"},
       {"Gants de manutention", "Gants anti-coupure", "Veste haute visibilité",
        "Chaussures de sécurité S3", "Combinaison de travail"}, 350, 8900},
      {"Consommables", "", "CON", "piece", "Pièces par boîte", "number", "",
       {"10", "25", "50", "100", "500"},
       {"Collier de serrage 200 mm", "Cosse à sertir 6 mm²", "Gaine thermorétractable",
        "Chiffons d'essuyage", "Ruban isolant 19 mm"}, 150, 2400},
  };
  return k;
}

const std::array<const char*, 5> kSuppliers{
    "Roulements du Rhône", "ElecPro Distribution", "Hydrau Services Alpes",
    "Fournitures Industrielles Martin", "Sécurité Plus"};

// What was received where, in order: the last stocktake counts it.
using Holdings = std::map<std::string, std::vector<std::pair<std::string, int>>>;

void Receive(Builder& b, Holdings& held, const std::string& item, const std::string& location,
             int qty, const std::string& note, db::Json extra = db::Json::object()) {
  db::Json args{{"id", b.NewId()}, {"item_id", item}, {"location_id", location},
                {"qty", std::to_string(qty)}, {"note", note}};
  args.update(extra);
  b.Add("stock.receipt", std::move(args));
  held[location].emplace_back(item, qty);
}

std::string Location(Builder& b, const char* kind, const std::string& name, const std::string& code,
                     const std::string& parent) {
  Json args{{"id", b.NewId()}, {"kind", kind}, {"name", name}, {"code", code}};
  if (!parent.empty()) args["parent_id"] = parent;
  return b.Add("location.create", std::move(args));
}

}  // namespace

StockIds AddStock(Builder& b) {
  StockIds ids;
  Holdings held;
  std::vector<std::string> suppliers;
  const std::array<const char*, 5> contacts{"Marc Perrin", "Sophie Blanc", "Julien Caron",
                                            "Nadia Benali", "Thomas Roche"};
  for (std::size_t i = 0; i < kSuppliers.size(); ++i) {
    suppliers.push_back(b.Add("supplier.create",
        {{"id", b.NewId()}, {"name", kSuppliers[i]}, {"contact", contacts[i]},
         {"email", "commandes" + std::to_string(i + 1) + "@fournisseur.example"},
         {"phone", "04 72 00 0" + std::to_string(i) + " 1" + std::to_string(i)}}));
  }

  // Places: Lyon (2 zones, 5 bins), Grenoble (1 zone, 2 bins), 3 vans, 2 client sites.
  std::string lyon = Location(b, "warehouse", "Entrepôt Lyon", "LYO", "");
  std::string grenoble = Location(b, "warehouse", "Entrepôt Grenoble", "GRE", "");
  ids.warehouses = {lyon, grenoble};
  for (const char* zone : {"A", "B"}) {
    std::string z = Location(b, "zone", std::string("Zone ") + zone, std::string("LYO-") + zone, lyon);
    for (int bin = 1; bin <= (zone[0] == 'A' ? 3 : 2); ++bin) {
      const std::string code = std::string(zone) + "-0" + std::to_string(bin);
      ids.lyon_bins.push_back(Location(b, "bin", "Casier " + code, "LYO-" + code, z));
    }
  }
  std::string aisle = Location(b, "zone", "Allée 1", "GRE-1", grenoble);
  std::vector<std::string> grenoble_bins{Location(b, "bin", "Casier 1-01", "GRE-1-01", aisle),
                                         Location(b, "bin", "Casier 1-02", "GRE-1-02", aisle)};
  const std::array<const char*, 3> plates{"AB-123-CD", "EF-456-GH", "JK-789-LM"};
  for (int v = 0; v < 3; ++v) {
    ids.vans.push_back(Location(b, "vehicle", "Camionnette " + std::to_string(v + 1) + " " +
                                plates[static_cast<std::size_t>(v)], "VAN-" + std::to_string(v + 1), ""));
  }
  ids.sites.push_back(Location(b, "site", "Site Clinique du Parc", "SITE-CLP", ""));
  ids.sites.push_back(Location(b, "site", "Site Mairie de Villeurbanne", "SITE-MVB", ""));

  // Categories, their attribute, and 25 items each.
  std::string parent_id;
  int category_index = 0;
  for (const CategorySpec& c : Catalog()) {
    Json category{{"id", b.NewId()}, {"name", c.name}};
    if (c.parent[0] != '\0') category["parent_id"] = parent_id;
    std::string category_id = b.Add("category.create", std::move(category));
    if (c.prefix[0] == '\0') {  // a parent only
      parent_id = category_id;
      continue;
    }
    Json attribute{{"id", b.NewId()}, {"category_id", category_id}, {"name", c.attribute},
                   {"type", c.type}};
    if (c.attribute_unit[0] != '\0') attribute["unit"] = c.attribute_unit;
    if (std::string(c.type) == "choice") attribute["choices"] = Json(std::vector<std::string>(c.variants.begin(), c.variants.end()));
    std::string attribute_id = b.Add("attribute.create", std::move(attribute));
    const std::string supplier = suppliers[static_cast<std::size_t>(category_index++) % suppliers.size()];
    int number = 0;
    for (const char* product : c.products) {
      for (const char* variant : c.variants) {
        ++number;
        char reference[32];
        std::snprintf(reference, sizeof reference, "%s-%03d", c.prefix, number);
        const std::string type = c.type;
        std::string label = std::string(product) + " " + variant + (type == "number" && c.attribute_unit[0] ? std::string(" ") + c.attribute_unit : "");
        const int price = b.Between(c.price_low, c.price_high);
        Json item{{"id", b.NewId()}, {"reference", reference}, {"label", label},
                  {"category_id", category_id}, {"unit", c.unit}, {"unit_price_cents", price},
                  {"supplier_id", supplier}, {"supplier_ref", std::string("F") + reference},
                  {"attributes", {{attribute_id, variant}}}};
        // Every tenth item has a minimum; a few of them will be under it.
        if (number % 10 == 0) item["min_qty"] = std::to_string(b.Between(5, 20));
        std::string item_id = b.Add("item.create", std::move(item));
        ids.items.push_back(item_id);
        const std::string& bin = ids.lyon_bins[ids.items.size() % ids.lyon_bins.size()];
        // Items 20, 40, ... are left under their minimum (1 or 2 in stock): the alert list.
        const int qty = number % 20 == 0 ? b.Between(1, 2) : b.Between(3, 60);
        Receive(b, held, item_id, bin, qty, "Stock initial",
                {{"unit_cost_cents", price}, {"supplier_id", supplier}});
        if (number % 3 == 0) {
          Receive(b, held, item_id, grenoble_bins[static_cast<std::size_t>(number) % 2],
                  b.Between(2, 30), "Stock initial");
        }
      }
    }
  }

  // Each van carries 20 items; a per-location minimum on the first five of them.
  for (std::size_t v = 0; v < ids.vans.size(); ++v) {
    for (std::size_t k = 0; k < 20; ++k) {
      const std::string& item = ids.items[(v * 37 + k * 13) % ids.items.size()];
      Receive(b, held, item, ids.vans[v], b.Between(1, 12), "Dotation camionnette");
      if (k < 5) {
        b.Add("item.set_location_min", {{"id", b.NewId()}, {"item_id", item},
                                        {"location_id", ids.vans[v]}, {"min_qty", "4"}});
      }
    }
  }
  // The last stocktake of every bin and of vans 2 and 3 (van 1's count is in progress, see
  // demo_company.cc), closed: a few lines differ from the books, as real counts do.
  std::vector<std::string> counted = ids.lyon_bins;
  counted.insert(counted.end(), grenoble_bins.begin(), grenoble_bins.end());
  counted.insert(counted.end(), ids.vans.begin() + 1, ids.vans.end());
  int line = 0;
  for (const std::string& location : counted) {
    const std::string session = b.Add("count.open", {{"id", b.NewId()}, {"location_id", location},
                                                     {"name", "Inventaire annuel"}});
    std::map<std::string, int> expected;
    for (const auto& [item, qty] : held[location]) expected[item] += qty;
    for (const auto& [item, qty] : expected) {
      const int found = ++line % 40 == 0 ? qty - 1 : qty;
      b.Add("count.record", {{"id", b.NewId()}, {"session_id", session}, {"item_id", item},
                             {"qty", std::to_string(found)}});
    }
    b.Add("count.close", {{"session_id", session}});
  }
  return ids;
}

}  // namespace invento::server::demo
