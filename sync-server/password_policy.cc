#include "sync-server/password_policy.h"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace invento::server {
namespace {

// The most used passwords in public breach lists (English and French), in lower case,
// plus the product's own first-run password. A password equal to one of these, or to one
// followed by digits and punctuation, is refused.
constexpr std::string_view kCommon[] = {
    "123456",        "1234567",        "12345678",   "123456789",  "1234567890", "12345678910",
    "0123456789",    "111111",         "11111111",   "000000",     "00000000",   "121212",
    "123123",        "123123123",      "112233",     "654321",     "987654321",  "666666",
    "696969",        "777777",         "888888",     "999999",     "147258369",  "123321",
    "1q2w3e",        "1q2w3e4r",       "1q2w3e4r5t", "1qaz2wsx",   "qwerty",     "qwertyuiop",
    "qwerty123",     "qwe123",         "azerty",     "azertyuiop", "azerty123",  "aze123",
    "asdfgh",        "asdfghjkl",      "zxcvbn",     "zxcvbnm",    "qazwsx",     "password",
    "passw0rd",      "p@ssw0rd",       "p@ssword",   "pass",       "passpass",   "password1",
    "motdepasse",    "mot2passe",      "mdp",        "secret",     "admin",      "admin123",
    "administrator", "administrateur", "root",       "toor",       "user",       "utilisateur",
    "guest",         "welcome",        "bienvenue",  "letmein",    "login",      "changeme",
    "default",       "test",           "testtest",   "demo",       "invento",    "gmao",
    "cmms",          "maintenance",    "technicien", "technician", "manager",    "consultant",
    "iloveyou",      "jetaime",        "soleil",     "doudou",     "chouchou",   "loulou",
    "marseille",     "paris",          "nicolas",    "julien",     "camille",    "thomas",
    "alexandre",     "pierre",         "monkey",     "dragon",     "master",     "shadow",
    "sunshine",      "princess",       "football",   "baseball",   "superman",   "batman",
    "trustno1",      "starwars",       "michael",    "jennifer",   "jordan",     "hunter",
    "ranger",        "killer",         "charlie",    "freedom",    "whatever",   "computer",
    "internet",      "samsung",        "google",     "abc123",     "abcdef",     "abcdefgh",
    "abcd1234",      "a1b2c3",         "aaaaaa",     "aaaaaaaa",   "azertyu",    "bonjour",
    "coucou",        "chocolat",       "doudou",     "loveme",     "lovely",     "flower",
    "hello",         "hello123",       "qwertz",     "zaq12wsx",   "q1w2e3r4",   "q1w2e3r4t5",
    "1a2b3c4d",      "pokemon",        "naruto",     "liverpool",  "arsenal",    "chelsea",
    "barcelona",     "realmadrid",     "psg",        "om",         "january",    "summer",
    "winter",        "autumn",         "spring",     "printemps",  "hiver",      "ete",
    "automne",       "company",        "entreprise", "societe",    "bonjour1",   "admin123!",
};

std::string Lower(const std::string& s) {
  std::string out = s;
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool OnList(std::string_view p) {
  return std::find(std::begin(kCommon), std::end(kCommon), p) != std::end(kCommon);
}

}  // namespace

bool IsCommonPassword(const std::string& password) {
  const std::string lower = Lower(password);
  if (OnList(lower)) return true;
  std::size_t end = lower.size();
  while (end > 0 && !std::isalpha(static_cast<unsigned char>(lower[end - 1]))) --end;
  // "Password2024!" -> "password"; an all-digit password is judged whole (above).
  return end > 0 && end < lower.size() && OnList(std::string_view(lower).substr(0, end));
}

Status CheckNewPassword(const std::string& password, const char* field) {
  if (password.size() < 8 || password.size() > 128) {
    return Status::InvalidArgument("passwords must be 8 to 128 characters long", field);
  }
  if (IsCommonPassword(password)) {
    return Status::InvalidArgument(
        "this password is among the most common ones and would be guessed first: choose another",
        field);
  }
  return Status::Ok();
}

}  // namespace invento::server
