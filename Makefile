# Plain GNU make.  Each lib/<module>/module.mk lists its sources and tests by hand, each
# cmd/<program>/module.mk says which modules the program links; rules are generated below.
CXX      ?= g++
CXXFLAGS ?= -O2 -g
override CXXFLAGS += -std=c++20 -Wall -Wextra -Werror -Wshadow -Wnon-virtual-dtor -Wno-missing-field-initializers -pthread
override CPPFLAGS += -Ilib -MMD -MP
PREFIX   ?= /usr/local
DESTDIR  ?=
B        := build
BIN      := bin

MODULES  :=
PROGRAMS :=
include $(sort $(wildcard lib/*/module.mk))
include $(sort $(wildcard cmd/*/module.mk))

objs = $(patsubst %.cpp,$(B)/%.o,$(1))
# All sources of a list of modules, and their link libraries.
mod_srcs = $(foreach m,$(1),$($(m)_SRCS))
mod_libs = $(sort $(foreach m,$(1),$($(m)_LDLIBS)))

define program_rules
$(BIN)/$(1): $(call objs,$($(1)_SRCS) $(call mod_srcs,$($(1)_MODULES)))
	@mkdir -p $$(@D)
	$$(CXX) $$(CXXFLAGS) $$(LDFLAGS) -o $$@ $$^ $(call mod_libs,$($(1)_MODULES)) $$(LDLIBS)
endef
$(foreach p,$(PROGRAMS),$(eval $(call program_rules,$(p))))

# One unit-test binary per module, linking that module and the modules it depends on only.
define test_rules
$(B)/test/$(1)_test: $(call objs,$($(1)_TESTS) $(call mod_srcs,$(1) $($(1)_DEPS)))
	@mkdir -p $$(@D)
	$$(CXX) $$(CXXFLAGS) $$(LDFLAGS) -o $$@ $$^ $(call mod_libs,$(1) $($(1)_DEPS)) -lgtest -lgtest_main $$(LDLIBS)
endef
TESTED_MODULES := $(foreach m,$(MODULES),$(if $($(m)_TESTS),$(m)))
$(foreach m,$(TESTED_MODULES),$(eval $(call test_rules,$(m))))

$(B)/%.o: %.cpp
	@mkdir -p $(@D)
	$(CXX) $(CPPFLAGS) $(CXXFLAGS) -c -o $@ $<

PROGRAM_FILES := $(addprefix $(BIN)/,$(PROGRAMS))
UNIT_TESTS    := $(foreach m,$(TESTED_MODULES),$(B)/test/$(m)_test)
MAN_PAGES     := $(wildcard doc/man/*.[157])

.PHONY: all programs unit-tests test unit cli deps demo install clean lint bench
all: programs unit-tests
programs: $(PROGRAM_FILES)
unit-tests: $(UNIT_TESTS)

# `make test` on a fresh machine: install what is missing, build, run every test.
test: deps
	$(MAKE) -j$$(nproc) all
	tests/run-all.sh $(UNIT_TESTS)

unit: $(UNIT_TESTS)
	tests/run-all.sh --unit-only $(UNIT_TESTS)

cli: programs
	tests/run-all.sh --cli-only

deps:
	@scripts/install-deps.sh

demo: deps
	$(MAKE) programs
	demo/run.sh

bench:
	@scripts/install-deps.sh --bench
	$(MAKE) programs
	bench/run.sh

lint:
	mandoc -Tlint -Wwarning $(MAN_PAGES)

install: programs
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(PROGRAM_FILES) $(DESTDIR)$(PREFIX)/bin/
	for page in $(MAN_PAGES); do \
	  section=$${page##*.}; \
	  install -d $(DESTDIR)$(PREFIX)/share/man/man$$section; \
	  install -m 644 $$page $(DESTDIR)$(PREFIX)/share/man/man$$section/; \
	done

clean:
	rm -rf $(B) $(BIN)

-include $(shell find $(B) -name '*.d' 2>/dev/null)
