# Thin wrapper over CMake: the verbs.  `make` builds build/dyad.
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all build asan fuzz check check-quick deps demo bench clean regen

all: build

build:
	@cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DDYAD_WERROR=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build build -j $(JOBS)

asan:
	@cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DDYAD_SANITIZE=ON -DDYAD_WERROR=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build build-asan -j $(JOBS)

fuzz:
	@CC=clang-14 cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DDYAD_FUZZ=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build build-fuzz -j $(JOBS)

# Install the Debian packages the build and the tests need (as root).
deps:
	@sh scripts/install-deps.sh

# Every test: unit, spec, CLI, fuzz replay and a short fuzz run, then the
# same unit/spec/CLI suites under ASan+UBSan.  Ends with "N passed, N failed".
check: build asan fuzz
	@sh scripts/check.sh

# The quick loop while developing: release build only, no sanitizers/fuzz.
check-quick: build
	@DYAD_CHECK_QUICK=1 sh scripts/check.sh

demo: deps build
	@sh scripts/demo.sh

bench: build
	@sh bench/run.sh

clean:
	rm -rf build build-asan build-fuzz
