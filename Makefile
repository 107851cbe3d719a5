# Developer verbs over CMake.  `make help` lists them.
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZERS ?= $(patsubst fuzz/fuzz_%.c,%,$(wildcard fuzz/fuzz_*.c))

.PHONY: all build test asan fuzz fuzz-replay bench data check-data \
	segscore leakcheck demo clean help

all: build

help:
	@echo "make build       Release build in $(BUILD)/"
	@echo "make test        build and run all tests (the README command)"
	@echo "make asan        build and test with ASan+UBSan in $(ASAN_BUILD)/"
	@echo "make fuzz        run the libFuzzer targets for FUZZ_SECONDS each"
	@echo "make bench       benchmark against the peers (needs ../shared)"
	@echo "make data        regenerate src/core/tables from data/"
	@echo "make check-data  fail if the committed tables differ from data/"
	@echo "make segscore    clitic segmentation score (needs ../shared)"
	@echo "make leakcheck   valgrind over the CLI on the samples"
	@echo "make demo        analyze the sample articles"

build:
	bash scripts/build.sh $(BUILD) Release

test:
	bash scripts/test.sh $(BUILD) Release

asan:
	bash scripts/test.sh $(ASAN_BUILD) Asan

fuzz:
	CC=clang cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=Debug \
		-DMARSAD_FUZZ=ON -DMARSAD_TESTS=OFF >/dev/null
	cmake --build $(FUZZ_BUILD) -j2
	for t in $(FUZZERS); do \
		mkdir -p $(FUZZ_BUILD)/corpus-$$t && \
		$(FUZZ_BUILD)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) \
			-dict=fuzz/dictionary $(FUZZ_BUILD)/corpus-$$t \
			fuzz/corpus/$$t || exit 1; \
	done

fuzz-replay: build
	ctest --test-dir $(BUILD) -R fuzz_replay --output-on-failure

bench: build
	bash bench/run.sh

data:
	python3 tools/gen.py

check-data:
	python3 tools/gen.py --check

segscore: build
	python3 tests/corpus/segscore.py --marsad $(BUILD)/marsad \
		--floor $$(cat tests/corpus/segscore.floor)

leakcheck: build
	valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=all \
		-q $(BUILD)/marsad analyze --json samples/*.txt >/dev/null
	valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=all \
		-q $(BUILD)/marsad analyze fuzz/corpus/analyze/* >/dev/null
	rm -f $(BUILD)/leak.db $(BUILD)/leak.db-wal $(BUILD)/leak.db-shm
	valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=all \
		-q $(BUILD)/marsad ingest --db $(BUILD)/leak.db samples tests/data/html >/dev/null
	valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=all \
		-q $(BUILD)/marsad search --db $(BUILD)/leak.db --json '"أسهم المصارف" OR المياه*' >/dev/null
	valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=all \
		-q $(BUILD)/marsad digest --db $(BUILD)/leak.db --json >/dev/null
	@echo "leakcheck: 5 passed, 0 failed"

demo:
	bash scripts/demo.sh

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
