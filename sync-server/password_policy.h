// What a new password must be: 8 to 128 characters and not one of the most common
// passwords (an embedded list of about 150, English and French, compared without regard
// to case, and also with trailing digits and punctuation removed: "Password123!" is
// refused like "password").
//
// Contract: invalid_argument naming `field`, with a message saying which rule failed.
// Pure function; thread-safe.
#pragma once

#include <string>

#include "core/base/status.h"

namespace invento::server {

Status CheckNewPassword(const std::string& password, const char* field);
// True if password (case-insensitive, trailing digits/punctuation removed or not) is on
// the embedded list of common passwords.
bool IsCommonPassword(const std::string& password);

}  // namespace invento::server
