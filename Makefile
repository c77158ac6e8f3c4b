# qreport — quarterly performance report generator.
#
#   make report   set up, build, and write every output of the bundled example into out/
#   make test     set up, then every test, normally and under ASan/UBSan
#   make check    the fast loop: unit tests and the examples, normal build only
#   make bench    optimised build and the scaling benchmark
#   make install  PREFIX=/usr/local (DESTDIR supported)

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/qreport
MANDIR  ?= $(PREFIX)/share/man

CC      ?= cc
BUILD   ?= build
SAN     ?=
OPT     ?= -O2 -g

WARN    = -Wall -Wextra -Werror -Wpedantic -Wstrict-prototypes -Wmissing-prototypes \
          -Wwrite-strings -Wshadow -Wvla
CPPFLAGS_ALL = -D_XOPEN_SOURCE=700 -Isrc -I$(BUILD) $(shell pkg-config --cflags libxml-2.0 xlsxwriter libpng libutf8proc libzip librsvg-2.0 fontconfig 2>/dev/null)
CFLAGS_ALL   = -std=c11 $(OPT) $(WARN) $(SAN) $(CFLAGS)
LDLIBS_ALL   = $(shell pkg-config --libs libxml-2.0 xlsxwriter libzip 2>/dev/null) -lcsv -lhpdf -lpng -ljpeg -lutf8proc -lz -lm $(LDLIBS)

LIB_SRC  = $(filter-out src/main.c,$(wildcard src/*.c))
LIB_OBJ  = $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/schema_data.o
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
HEADERS  = $(wildcard src/*.h) tests/unit/harness.h

VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)

.PHONY: all setup report test check test-builds units bench install uninstall clean fuzz fuzz-layout fuzz-lib FORCE

all: $(BUILD)/qreport

# ---- set-up: Debian packages and fonts ----
setup:
	@tools/setup.sh

# ---- the program ----
$(BUILD)/qreport: $(BUILD)/obj/main.o $(BUILD)/libqreport.a
	$(CC) $(CFLAGS_ALL) $(LDFLAGS) -o $@ $^ $(LDLIBS_ALL)

$(BUILD)/libqreport.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/obj/%.o: src/%.c $(HEADERS) $(BUILD)/version.h | $(BUILD)/obj
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -c -o $@ $<

# The schema is built into the program so validation never depends on an install path.
$(BUILD)/schema_data.c: schema/report-1.xsd tools/embed.c | $(BUILD)/obj
	$(CC) -std=c11 -O1 -Wall -Wextra -Werror -o $(BUILD)/embed tools/embed.c
	$(BUILD)/embed schema_report_1 < schema/report-1.xsd > $@

$(BUILD)/obj/schema_data.o: $(BUILD)/schema_data.c
	$(CC) -std=c11 $(OPT) $(SAN) -c -o $@ $<

$(BUILD)/version.h: VERSION | $(BUILD)/obj
	printf '#define QREPORT_VERSION "%s"\n' "$(VERSION)" > $@

$(BUILD)/obj $(BUILD)/tests:
	mkdir -p $@

# ---- unit tests ----
$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libqreport.a $(HEADERS) | $(BUILD)/tests
	$(CC) $(CPPFLAGS_ALL) -Itests/unit $(CFLAGS_ALL) -o $@ $< $(BUILD)/libqreport.a $(LDLIBS_ALL)

# ---- user-facing targets ----
report: setup
	$(MAKE) --no-print-directory all
	$(BUILD)/qreport --layout independence --format all --out out examples/independence-fy2018-q1.xml

# Every test, with a normal build and with AddressSanitizer + UBSan.
test: setup
	$(MAKE) --no-print-directory test-builds
	$(MAKE) --no-print-directory $(FUZZ_TARGETS)
	tools/run-tests.sh $(BUILD) $(BUILD)-asan

# The fast loop while working: unit tests and the quick end-to-end tests
# (tests/quick.list) on the normal build, well under a minute.
check: setup
	$(MAKE) --no-print-directory all units
	tools/run-tests.sh --quick $(BUILD)

test-builds:
	$(MAKE) --no-print-directory all units
	$(MAKE) --no-print-directory BUILD=$(BUILD)-asan OPT="-O1 -g -fno-omit-frame-pointer" \
		SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" all units

units: $(UNIT_BIN) $(BUILD)/gen-report

# Synthetic data files of any size, for scale tests and the benchmark.
$(BUILD)/gen-report: tools/gen-report.c | $(BUILD)/obj
	$(CC) -std=c11 $(OPT) $(WARN) $(SAN) -D_XOPEN_SOURCE=700 -o $@ $<

bench: setup
	$(MAKE) --no-print-directory BUILD=$(BUILD)-bench OPT="-O2 -DNDEBUG" all $(BUILD)-bench/gen-report
	$(MAKE) --no-print-directory $(BUILD)-bench/bench
	$(BUILD)-bench/bench $(BUILD)-bench/qreport

$(BUILD)-bench/bench: tools/bench.c $(BUILD)-bench/libqreport.a
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -o $@ $< $(BUILD)-bench/libqreport.a $(LDLIBS_ALL)

# ---- fuzzing (clang's libFuzzer) ----
# Two targets: fuzz_report (data files, the whole pipeline) and fuzz_layout
# (layout files with their logo and font). Findings of either land in
# tests/fuzz/crashes/, the layout target's named layout-*.
FUZZ_SECONDS ?= 600
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_TARGETS = $(BUILD)-fuzz/fuzz_report $(BUILD)-fuzz/fuzz_layout

fuzz-lib: FORCE
	$(MAKE) --no-print-directory BUILD=$(BUILD)-fuzz CC=clang OPT="-O1 -g" \
		SAN="-fsanitize=fuzzer-no-link $(FUZZ_SAN)" $(BUILD)-fuzz/libqreport.a

$(BUILD)-fuzz/fuzz_%: tests/fuzz/fuzz_%.c fuzz-lib
	clang $(CPPFLAGS_ALL) -I$(BUILD)-fuzz -std=c11 -O1 -g $(WARN) -fsanitize=fuzzer $(FUZZ_SAN) \
		-o $@ $< $(BUILD)-fuzz/libqreport.a $(LDLIBS_ALL)

# Run each fuzzer for FUZZ_SECONDS; new findings land in tests/fuzz/crashes/.
fuzz: setup $(BUILD)-fuzz/fuzz_report
	mkdir -p $(BUILD)-fuzz/corpus tests/fuzz/crashes
	$(BUILD)-fuzz/fuzz_report -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=60 \
		-artifact_prefix=tests/fuzz/crashes/ -dict=tests/fuzz/report.dict \
		$(BUILD)-fuzz/corpus tests/fuzz/corpus

fuzz-layout: setup $(BUILD)-fuzz/fuzz_layout
	mkdir -p $(BUILD)-fuzz/corpus-layout tests/fuzz/crashes
	$(BUILD)-fuzz/fuzz_layout -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=60 \
		-artifact_prefix=tests/fuzz/crashes/layout- -dict=tests/fuzz/layout.dict \
		$(BUILD)-fuzz/corpus-layout tests/fuzz/corpus-layout

FORCE:

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/layouts $(DESTDIR)$(DATADIR)/fonts \
		$(DESTDIR)$(DATADIR)/schema $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BUILD)/qreport $(DESTDIR)$(BINDIR)/qreport
	cp -R layouts/. $(DESTDIR)$(DATADIR)/layouts/
	cp -L fonts/*.ttf $(DESTDIR)$(DATADIR)/fonts/
	install -m 644 schema/report-1.xsd $(DESTDIR)$(DATADIR)/schema/
	install -m 644 docs/qreport.1 $(DESTDIR)$(MANDIR)/man1/qreport.1

uninstall:
	rm -rf $(DESTDIR)$(BINDIR)/qreport $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)/man1/qreport.1

clean:
	rm -rf $(BUILD) $(BUILD)-asan $(BUILD)-bench $(BUILD)-fuzz
