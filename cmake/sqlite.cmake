# The SQLite amalgamation (fetched by scripts/setup.sh from the npm registry, sha256-pinned)
# built with the SAME flags natively and in WebAssembly. The only difference is threading:
# the wasm build has no threads, so it uses SQLITE_THREADSAFE=0.
set(SQLITE_SRC ${PROJECT_SOURCE_DIR}/third_party/sqlite/sqlite3.c)
if(NOT EXISTS ${SQLITE_SRC})
  message(FATAL_ERROR "third_party/sqlite/sqlite3.c is missing: run scripts/setup.sh first")
endif()
add_library(sqlite3 STATIC ${SQLITE_SRC})
target_include_directories(sqlite3 SYSTEM PUBLIC ${PROJECT_SOURCE_DIR}/third_party/sqlite)
target_compile_definitions(sqlite3 PUBLIC
  SQLITE_ENABLE_FTS5
  SQLITE_DQS=0
  SQLITE_DEFAULT_MEMSTATUS=0
  SQLITE_DEFAULT_WAL_SYNCHRONOUS=1
  SQLITE_LIKE_DOESNT_MATCH_BLOBS
  SQLITE_MAX_EXPR_DEPTH=0
  SQLITE_OMIT_DEPRECATED
  SQLITE_OMIT_LOAD_EXTENSION
  SQLITE_OMIT_SHARED_CACHE
  SQLITE_USE_ALLOCA
  SQLITE_ENABLE_MATH_FUNCTIONS)
if(EMSCRIPTEN)
  target_compile_definitions(sqlite3 PUBLIC SQLITE_THREADSAFE=0)
else()
  target_compile_definitions(sqlite3 PUBLIC SQLITE_THREADSAFE=1)
  find_package(Threads REQUIRED)
  target_link_libraries(sqlite3 PUBLIC Threads::Threads ${CMAKE_DL_LIBS} m)
endif()
# SQLite is always optimised, even in debug builds of our code.
target_compile_options(sqlite3 PRIVATE -O2 -w)
if(INVENTO_SANITIZE)
  # Sanitising SQLite itself costs minutes and finds nothing of ours.
  target_compile_options(sqlite3 PRIVATE -fno-sanitize=all)
endif()
