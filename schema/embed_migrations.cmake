# cmake -P script: writes OUT, a C++ file with every migration as a raw string.
function(emit_set VAR GLOBEXPR)
  file(GLOB files ${GLOBEXPR})
  list(SORT files)
  set(body "")
  foreach(f ${files})
    get_filename_component(name ${f} NAME)
    string(REGEX MATCH "^([0-9]+)_" _ ${name})
    math(EXPR num "${CMAKE_MATCH_1}")
    file(READ ${f} sql)
    if(COMPACT)
      # WebAssembly build (schema/CMakeLists.txt): every byte is downloaded on first load.
      # Drop comment lines, end-of-line comments that hold no quote (so a "--" inside a
      # string literal, whose closing quote follows on the line, is never cut), indentation
      # and blank lines. The migrations hold no multi-line string literal (checked when this
      # was written); the native build embeds the files unchanged.
      string(REGEX REPLACE "\n[ \t]*--[^\n]*" "" sql "\n${sql}")
      string(REGEX REPLACE "[ \t]+--[^'\n]*\n" "\n" sql "${sql}")
      string(REGEX REPLACE "\n[ \t]+" "\n" sql "${sql}")
      string(REGEX REPLACE "[ \t]+\n" "\n" sql "${sql}")
      string(REGEX REPLACE "\n\n+" "\n" sql "${sql}")
      string(REGEX REPLACE "^\n+" "" sql "${sql}")
    endif()
    string(APPEND body "  {${num}, \"${name}\", R\"invento_sql(${sql})invento_sql\"},\n")
  endforeach()
  set(${VAR} "${body}" PARENT_SCOPE)
endfunction()
emit_set(SHARED "${SCHEMA_DIR}/[0-9]*.sql")
if(NO_SERVER)
  # WebAssembly build: the browser never opens with server_tables (core/core.cc).
  set(SERVER "")
else()
  emit_set(SERVER "${SCHEMA_DIR}/server/[0-9]*.sql")
endif()
file(WRITE ${OUT}.tmp "// Generated from schema/*.sql by schema/embed_migrations.cmake. Do not edit.
#include \"core/db/migration_list.h\"
namespace invento::db {
const std::vector<Migration>& SharedMigrations() {
  static const std::vector<Migration> k{
${SHARED}  };
  return k;
}
const std::vector<Migration>& ServerMigrations() {
  static const std::vector<Migration> k{
${SERVER}  };
  return k;
}
}  // namespace invento::db
")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
