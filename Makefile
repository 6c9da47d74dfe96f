# Open Codelabs Desktop. `make run` opens the window, `make test` checks
# everything, `make serve` runs the headless server. Each target installs
# what it needs (system packages via build/scripts/deps.sh, npm ci, Go modules).
SHELL := /bin/bash
GO ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT ?= $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
LDFLAGS := -s -w -X github.com/opencodelabs/desktop/backend/server.Version=$(VERSION) \
           -X github.com/opencodelabs/desktop/backend/server.Commit=$(COMMIT)
DESKTOP_TAGS ?= desktop,production,webkit2_41
OUT ?= test-output
ARGS ?=

.PHONY: all run serve build desktop frontend frontend-deps deps-run deps-test test test-go test-cross lint \
        test-frontend test-e2e test-desktop test-dist dist deps-dist bench fmt clean

all: build

deps-run:
	@build/scripts/deps.sh run
deps-test:
	@build/scripts/deps.sh test
deps-dist:
	@build/scripts/deps.sh dist

# npm ci only when package-lock.json changed since the last install.
frontend/node_modules/.stamp: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $@
frontend-deps: frontend/node_modules/.stamp

# precompress writes .gz/.br next to each built file (served by Accept-Encoding).
frontend: frontend-deps
	cd frontend && npm run build
	$(GO) run ./backend/cmd/precompress frontend/dist

build: frontend
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o bin/opencodelabs .

desktop: deps-run frontend
	$(GO) build -trimpath -tags $(DESKTOP_TAGS) -ldflags '$(LDFLAGS)' -o bin/opencodelabs-desktop .

# The window. Data lives in the user config dir unless ARGS says otherwise.
run: desktop
	./bin/opencodelabs-desktop $(ARGS)

# The headless server for attendees' browsers (LAN, mDNS on by default).
serve: build
	./bin/opencodelabs $(ARGS)

test: deps-test frontend-deps
	@mkdir -p $(OUT)
	$(MAKE) test-go
	$(MAKE) test-cross
	$(MAKE) test-frontend
	$(MAKE) test-e2e
	$(MAKE) test-desktop
	$(MAKE) test-dist
	@echo "make test: all suites passed"

# Packages with goroutines run under the race detector; the rest run plainly.
RACE_PKGS := ./app/... ./backend/store/... ./backend/realtime/... ./backend/api/... ./backend/server/... ./backend/crashtest/...

test-go: frontend
	@test -z "$$(gofmt -l app backend *.go build/pack)" || { echo "gofmt needed:"; gofmt -l app backend *.go build/pack; exit 1; }
	@$(GO) mod tidy -diff || { echo "go.mod/go.sum are not tidy: run go mod tidy"; exit 1; }
	$(GO) vet ./...
	$(GO) tool golangci-lint run ./...
	$(GO) test -count=1 -race $(RACE_PKGS)
	$(GO) test -count=1 $$($(GO) list ./... | grep -v -E '/(app|backend/(store|realtime|api|server|crashtest))(/|$$)')

# The headless variant must build for the facilitators' other systems without cgo.
# (-trimpath as in make dist, so both share the build cache.)
test-cross:
	CGO_ENABLED=0 GOOS=windows GOARCH=amd64 $(GO) build -trimpath -o /dev/null .
	CGO_ENABLED=0 GOOS=darwin GOARCH=arm64 $(GO) build -trimpath -o /dev/null .

test-frontend: frontend-deps
	cd frontend && npm run check && npm run i18n-check && npm test

test-e2e: build
	cd frontend && OCL_SERVER_BIN=$(CURDIR)/bin/opencodelabs npm run e2e

test-desktop: desktop
	build/scripts/desktop-smoke.sh bin/opencodelabs-desktop $(OUT)

# Release files for Linux, Windows and the headless server (docs/packaging.md):
# make dist VERSION=1.2.3 writes dist/ and dist/SHA256SUMS.
dist: deps-dist frontend
	@[[ "$(origin VERSION)" == "command line" || "$(origin VERSION)" == environment ]] || \
	  { echo "make dist: give the release version, e.g. make dist VERSION=1.2.3"; exit 2; }
	COMMIT=$(COMMIT) build/scripts/dist.sh $(VERSION) dist

# Builds the release files once (test version, into $(OUT)/dist) and checks them: the .deb
# installs, runs and removes cleanly, the .desktop entry validates, the Windows .exe has its
# resources, the installer builds without warnings, the Go builds are reproducible.
test-dist: deps-dist frontend
	build/scripts/dist-test.sh $(OUT)

# No ARGS: the issue #14 matrix without the burst at 2,000 (docs/performance.md,
# about 20 minutes on a quiet 2-core machine); ARGS='-matrix full' adds it.
bench: build
	$(GO) run ./backend/cmd/loadtest $(if $(ARGS),$(ARGS),-matrix bench)

lint:
	$(GO) tool golangci-lint run ./...

fmt:
	gofmt -w app backend *.go build/pack

clean:
	rm -rf bin $(OUT) frontend/node_modules/.stamp
	find frontend/dist -mindepth 1 ! -name .gitkeep -delete
