# alam - named-entity extraction for Arabic political news.
# Plain Makefile: `make`, `make test`, `make demo`, `make install`.

VERSION      := 0.1.0
SOVERSION    := 0
PREFIX       ?= /usr/local
DESTDIR      ?=
LIBDIR       ?= $(PREFIX)/lib
INCLUDEDIR   ?= $(PREFIX)/include
BINDIR       ?= $(PREFIX)/bin
DATADIR      ?= $(PREFIX)/share/alam
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig

CC           ?= cc
CFLAGS       ?= -O3 -g
# Link-time optimization for the command and the shared library (about 5%
# faster, measured in pairs); fat objects keep libalam.a usable by any
# linker.  Sanitizer and fuzz builds set it empty.
LTO          ?= -flto=auto -ffat-lto-objects
BUILD        ?= build
DEPS_PC      := icu-uc icu-i18n libpcre2-8 libcjson
WERROR       := $(if $(CI),-Werror,)
PKG_CFLAGS    = $(shell pkg-config --cflags $(DEPS_PC) 2>/dev/null)
PKG_LIBS      = $(shell pkg-config --libs $(DEPS_PC) 2>/dev/null)
ALAM_CFLAGS   = -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra $(WERROR) \
                -fPIC -fvisibility=hidden -DALAM_BUILDING -Iinclude \
                -DALAM_DATADIR='"$(DATADIR)"' $(PKG_CFLAGS)

LIB_SRC  := $(wildcard src/*.c)
CLI_SRC  := $(wildcard src/cli/*.c)
LIB_OBJ  := $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
CLI_OBJ  := $(CLI_SRC:src/cli/%.c=$(BUILD)/obj/cli/%.o)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_TARGETS := annotate jsonl lists image
FUZZ_CLI := src/cli/records.c src/cli/output.c src/cli/html.c
REPLAY_BIN := $(FUZZ_TARGETS:%=$(BUILD)/tests/replay_%)
# The sources of a fuzz target besides the library.
fuzz_src = tests/fuzz/fuzz_$(1).c $(if $(filter jsonl,$(1)),$(FUZZ_CLI)) \
           $(if $(filter lists image,$(1)),tests/fuzz/init_none.c)

.PHONY: all deps demo test test-fast install uninstall clean gazetteers bench fuzz

all: $(BUILD)/libalam.a $(BUILD)/libalam.so $(BUILD)/alam gazetteers/alam.img

# ---- system packages -------------------------------------------------------
deps:
	@sh tests/deps.sh

# ---- library and command ---------------------------------------------------
$(BUILD)/obj/%.o: src/%.c $(wildcard src/*.h) include/alam.h Makefile
	@mkdir -p $(dir $@)
	$(CC) $(ALAM_CFLAGS) $(CFLAGS) $(LTO) -c $< -o $@

$(BUILD)/obj/cli/%.o: src/cli/%.c $(wildcard src/cli/*.h) $(wildcard src/*.h) include/alam.h Makefile
	@mkdir -p $(dir $@)
	$(CC) $(ALAM_CFLAGS) $(CFLAGS) $(LTO) -c $< -o $@

$(BUILD)/libalam.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/libalam.so.$(VERSION): $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,libalam.so.$(SOVERSION) $(CFLAGS) $(LTO) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/libalam.so: $(BUILD)/libalam.so.$(VERSION)
	ln -sf libalam.so.$(VERSION) $(BUILD)/libalam.so.$(SOVERSION)
	ln -sf libalam.so.$(VERSION) $@

$(BUILD)/alam: $(CLI_OBJ) $(BUILD)/libalam.a
	$(CC) $(CFLAGS) $(LTO) $(LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libalam.a $(PKG_LIBS)

# The lists compiled for instant loading (alam compile); rebuilt when a list
# or the program changes.
gazetteers/alam.img: $(BUILD)/alam $(wildcard gazetteers/*.tsv) gazetteers/namelike.ngrams \
                    $(wildcard gazetteers/rules/*.rules)
	$(BUILD)/alam compile --data gazetteers

$(BUILD)/alam.pc: Makefile
	@mkdir -p $(BUILD)
	printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$(LIBDIR)' 'includedir=$(INCLUDEDIR)' \
	  'datadir=$(DATADIR)' '' 'Name: alam' \
	  'Description: named-entity extraction for Arabic political news' \
	  'Version: $(VERSION)' 'Requires.private: $(DEPS_PC)' \
	  'Libs: -L$${libdir} -lalam' 'Cflags: -I$${includedir}' > $@

# ---- tests -----------------------------------------------------------------
$(BUILD)/tests/test_%: tests/unit/test_%.c tests/unit/check.h $(BUILD)/libalam.a
	@mkdir -p $(dir $@)
	$(CC) $(ALAM_CFLAGS) $(CFLAGS) -Isrc -o $@ $< $(BUILD)/libalam.a $(PKG_LIBS) -lpthread $(LDFLAGS)

# Fuzz targets without libFuzzer: `make test` replays seeds and regressions.
$(BUILD)/tests/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(BUILD)/libalam.a $(FUZZ_CLI)
	@mkdir -p $(dir $@)
	$(CC) $(ALAM_CFLAGS) $(CFLAGS) -Isrc -o $@ tests/fuzz/replay.c $(call fuzz_src,$*) \
	  $(BUILD)/libalam.a $(PKG_LIBS) $(LDFLAGS)

# The allocation-failure shim (LD_PRELOAD) for tests/hostile.
$(BUILD)/tests/failmalloc.so: tests/hostile/failmalloc.c
	@mkdir -p $(dir $@)
	$(CC) -shared -fPIC -O1 -Wall -o $@ $< -ldl

test-fast: all $(BUILD)/alam.pc $(UNIT_BIN) $(REPLAY_BIN) $(BUILD)/tests/failmalloc.so
	@sh tests/run.sh $(BUILD)

test: deps
	@sh tests/deps.sh parallel python3 valgrind
	@$(MAKE) --no-print-directory all $(BUILD)/alam.pc $(UNIT_BIN) $(REPLAY_BIN) \
	  $(BUILD)/tests/failmalloc.so
	@$(MAKE) --no-print-directory BUILD=build-tsan LTO= CFLAGS="-O1 -g -fsanitize=thread" \
	  LDFLAGS="-fsanitize=thread" build-tsan/alam build-tsan/tests/test_jit
	@$(MAKE) --no-print-directory BUILD=build-asan LTO= \
	  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  LDFLAGS="-fsanitize=address,undefined" all build-asan/alam.pc \
	  $(UNIT_BIN:$(BUILD)/%=build-asan/%) $(REPLAY_BIN:$(BUILD)/%=build-asan/%)
	@sh tests/run.sh $(BUILD) build-asan

# ---- benchmark (release build) ---------------------------------------------
bench: deps
	@sh tests/deps.sh time
	@$(MAKE) --no-print-directory BUILD=build-release CFLAGS="-O3 -DNDEBUG" all
	@sh bench/bench.sh build-release

# ---- fuzzing (clang's libFuzzer) -------------------------------------------
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZ_FLAGS := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(LIB_SRC) $(FUZZ_CLI) $(wildcard src/*.h)
	@mkdir -p build-fuzz
	$(FUZZ_CC) $(FUZZ_FLAGS) -std=c11 -D_POSIX_C_SOURCE=200809L -DALAM_BUILDING \
	  -Iinclude -Isrc $(PKG_CFLAGS) -o $@ $(call fuzz_src,$*) $(LIB_SRC) $(PKG_LIBS)

# Runs every target for FUZZ_SECONDS on its seeds (tests/fuzz/seeds/) and
# past crashes (tests/fuzz/regressions/); new findings land in build-fuzz/.
fuzz: all $(FUZZ_TARGETS:%=build-fuzz/fuzz_%)
	@sh tests/fuzz/run-fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# ---- demo ------------------------------------------------------------------
demo: deps
	@$(MAKE) --no-print-directory all
	@echo "== entities in examples/pegasus.txt"
	@$(BUILD)/alam --format table examples/pegasus.txt
	@echo
	@echo "== the same as JSON"
	@$(BUILD)/alam --pretty examples/pegasus.txt

# ---- gazetteers --------------------------------------------------------------
SOURCES ?= ../shared/gazetteer-sources
gazetteers:
	python3 gazetteers/scripts/generate.py $(SOURCES) gazetteers
	python3 gazetteers/scripts/namelike.py

# ---- install ---------------------------------------------------------------
install: all $(BUILD)/alam.pc
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(BINDIR) \
	  $(DESTDIR)$(DATADIR) $(DESTDIR)$(PKGCONFIGDIR)
	install -m 644 include/alam.h $(DESTDIR)$(INCLUDEDIR)/alam.h
	install -m 644 $(BUILD)/libalam.a $(DESTDIR)$(LIBDIR)/libalam.a
	install -m 755 $(BUILD)/libalam.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libalam.so.$(VERSION)
	ln -sf libalam.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libalam.so.$(SOVERSION)
	ln -sf libalam.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libalam.so
	install -m 644 $(BUILD)/alam.pc $(DESTDIR)$(PKGCONFIGDIR)/alam.pc
	install -m 755 $(BUILD)/alam $(DESTDIR)$(BINDIR)/alam
	install -m 644 gazetteers/*.tsv gazetteers/namelike.ngrams gazetteers/README.md $(DESTDIR)$(DATADIR)/
	install -d $(DESTDIR)$(DATADIR)/rules
	install -m 644 gazetteers/rules/*.rules gazetteers/rules/README.md $(DESTDIR)$(DATADIR)/rules/
	$(BUILD)/alam compile --data $(DESTDIR)$(DATADIR)

uninstall:
	rm -f $(DESTDIR)$(INCLUDEDIR)/alam.h $(DESTDIR)$(LIBDIR)/libalam.a \
	  $(DESTDIR)$(LIBDIR)/libalam.so $(DESTDIR)$(LIBDIR)/libalam.so.$(SOVERSION) \
	  $(DESTDIR)$(LIBDIR)/libalam.so.$(VERSION) $(DESTDIR)$(PKGCONFIGDIR)/alam.pc \
	  $(DESTDIR)$(BINDIR)/alam
	rm -f $(DESTDIR)$(DATADIR)/*.tsv $(DESTDIR)$(DATADIR)/namelike.ngrams $(DESTDIR)$(DATADIR)/README.md $(DESTDIR)$(DATADIR)/alam.img
	rm -f $(DESTDIR)$(DATADIR)/rules/*.rules $(DESTDIR)$(DATADIR)/rules/README.md
	-rmdir $(DESTDIR)$(DATADIR)/rules
	-rmdir $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-asan build-release build-fuzz build-tsan gazetteers/alam.img
