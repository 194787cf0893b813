# The SQLite amalgamation (fetched by scripts/setup.sh from the npm registry, sha256-pinned)
# built with the SAME flags natively and in WebAssembly. The only difference is threading:
# the wasm build has no threads, so it uses SQLITE_THREADSAFE=0.
set(SQLITE_SRC ${PROJECT_SOURCE_DIR}/third_party/sqlite/sqlite3.c)
if(NOT EXISTS ${SQLITE_SRC})
  message(FATAL_ERROR "third_party/sqlite/sqlite3.c is missing: run scripts/setup.sh first")
endif()
add_library(sqlite3 STATIC ${SQLITE_SRC})
target_include_directories(sqlite3 SYSTEM PUBLIC ${PROJECT_SOURCE_DIR}/third_party/sqlite)
#
# Features: FTS5 and JSON (json_each in schema/ and core/) are used; what nothing in this
# repository calls is left out, which also keeps the browser's first download small
# (docs/benchmarks.md, "First-load size"). Only options that are plain #ifdefs in the
# amalgamation are used here: those that change the SQL grammar (OMIT_EXPLAIN,
# OMIT_WINDOWFUNC, ...) need SQLite's canonical sources. Not omitted because they are used:
# WAL (server), backup API (server), incremental blob I/O (FTS5 reads its index with it),
# pragma_table_info, strftime (migrations).
target_compile_definitions(sqlite3 PUBLIC
  SQLITE_ENABLE_FTS5
  SQLITE_DQS=0
  SQLITE_DEFAULT_MEMSTATUS=0
  SQLITE_DEFAULT_WAL_SYNCHRONOUS=1
  SQLITE_LIKE_DOESNT_MATCH_BLOBS
  SQLITE_MAX_EXPR_DEPTH=0
  SQLITE_MAX_MMAP_SIZE=0
  SQLITE_OMIT_AUTHORIZATION
  SQLITE_OMIT_COMPILEOPTION_DIAGS
  SQLITE_OMIT_COMPLETE
  SQLITE_OMIT_DECLTYPE
  SQLITE_OMIT_DEPRECATED
  SQLITE_OMIT_DESERIALIZE
  SQLITE_OMIT_GET_TABLE
  SQLITE_OMIT_LOAD_EXTENSION
  SQLITE_OMIT_PROGRESS_CALLBACK
  SQLITE_OMIT_SHARED_CACHE
  SQLITE_OMIT_TCL_VARIABLE
  SQLITE_OMIT_TRACE
  SQLITE_OMIT_UTF16
  SQLITE_UNTESTABLE
  SQLITE_USE_ALLOCA)
if(EMSCRIPTEN)
  target_compile_definitions(sqlite3 PUBLIC SQLITE_THREADSAFE=0)
  # No unix VFS in the browser: SQLite's OS layer is wasm/sqlite_os_wasm.c (a default VFS
  # with randomness, time and sleep but no files; databases live in OPFS through
  # wasm/opfs_sah_pool.cc, or in memory). This lets the module link with -sFILESYSTEM=0
  # (cmake/wasm_flags.cmake). Temporary tables, indices and sorts stay in memory
  # (TEMP_STORE=2, still switchable by PRAGMA temp_store).
  target_sources(sqlite3 PRIVATE ${PROJECT_SOURCE_DIR}/wasm/sqlite_os_wasm.c)
  target_compile_definitions(sqlite3 PRIVATE SQLITE_OS_OTHER=1 SQLITE_TEMP_STORE=2
    SQLITE_OMIT_AUTOVACUUM SQLITE_OMIT_INTROSPECTION_PRAGMAS SQLITE_OMIT_LOCALTIME)
else()
  target_compile_definitions(sqlite3 PUBLIC SQLITE_THREADSAFE=1)
  # The server's PostgreSQL mode records each write transaction's changed rows with SQLite's
  # session extension (sync-server/pg_mirror.h). Native only: the browser never needs it.
  target_compile_definitions(sqlite3 PUBLIC SQLITE_ENABLE_SESSION SQLITE_ENABLE_PREUPDATE_HOOK)
  find_package(Threads REQUIRED)
  target_link_libraries(sqlite3 PUBLIC Threads::Threads ${CMAKE_DL_LIBS} m)
endif()
# SQLite is always optimised, even in debug builds of our code; in wasm at the level of the
# rest of the module (cmake/wasm_flags.cmake: -Oz, size first).
if(EMSCRIPTEN)
  target_compile_options(sqlite3 PRIVATE ${INVENTO_WASM_OPT} -w)
else()
  target_compile_options(sqlite3 PRIVATE -O2 -w)
endif()
if(INVENTO_SANITIZE OR INVENTO_FUZZ)
  # Sanitising (or fuzz-instrumenting) SQLite itself costs minutes and finds nothing of ours.
  target_compile_options(sqlite3 PRIVATE -fno-sanitize=all)
endif()
