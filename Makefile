# Front door over CMake + npm. `make run` and `make test` work on a fresh Debian 12 machine.
BUILD_DIR ?= build
JOBS ?= $(shell nproc)
DB ?= sqlite:data/baocao.db
PORT ?= 8080

.PHONY: all deps build web run test test-unit test-browser bench clean

all: build

deps:
	./scripts/install-deps.sh
	@if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then \
	  cd web && npm ci --no-audit --no-fund; fi

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release

build: deps $(BUILD_DIR)/build.ninja web
	cmake --build $(BUILD_DIR) -j $(JOBS)

web: deps
	cd web && npm run build

run: build
	mkdir -p data
	./scripts/demo-ca.sh data/demo-ca >/dev/null   # demo CA + signing certificates (kept if present)
	$(BUILD_DIR)/baocao serve --db $(DB) --port $(PORT) --web web/dist --demo \
	  --signing-dir data/demo-ca --trust-store data/demo-ca/trust.pem --signing-password baocao-demo

test: build
	./scripts/test.sh $(BUILD_DIR)

bench: build
	cmake -S . -B $(BUILD_DIR) -DBAOCAO_BUILD_BENCH=ON >/dev/null
	cmake --build $(BUILD_DIR) -j $(JOBS)
	./bench/run.sh $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR) web/dist
