# tokgate: `make demo` and `make test` work on a fresh machine; each does its own set-up.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTHON := $(BIN)/python
export PATH := $(CURDIR)/$(BIN):$(CURDIR)/.tools/bin:/usr/local/go/bin:$(PATH)

.PHONY: install system-deps protos protos-check lint test soak demo bench clean
.PHONY: go-tools grpcurl client-deps go-deps node-deps

## install: the virtualenv with tokgate (editable), its development tools and its compiled decoder
install: $(VENV)/.installed $(VENV)/.native-installed
$(VENV)/.installed: pyproject.toml clients/python/pyproject.toml
	test -x $(PYTHON) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ./clients/python -e '.[dev]'
	touch $@

## The compiled webcast decoder (native/, Rust): built by maturin (from PyPI) with cargo, its
## crates from crates.io; about 2 minutes from nothing on 2 cores
NATIVE_SOURCES := native/Cargo.toml native/Cargo.lock native/build.rs native/pyproject.toml \
  native/tokgate_native.pyi $(wildcard native/src/*.rs) protos/webcast/v1alpha/webcast.proto
$(VENV)/.native-installed: $(VENV)/.installed $(NATIVE_SOURCES)
	@command -v cargo >/dev/null || { echo "native/ needs Rust's cargo (https://rustup.rs)"; exit 1; }
	$(BIN)/pip install -q ./native
	touch $@

## system-deps: Debian's Chromium (TikTokApi), Prometheus (metrics tests) and Redis (cluster
## mode), if missing
system-deps:
	@missing=""; \
	test -x /usr/lib/chromium/chromium || missing="$$missing chromium"; \
	command -v promtool >/dev/null || test -x /usr/bin/promtool || missing="$$missing prometheus"; \
	test -x /usr/bin/redis-server || missing="$$missing redis-server"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

## go-tools: protoc-gen-go and protoc-gen-go-grpc (pinned) into .tools/bin, for the Go stubs
PROTOC_GEN_GO := v1.36.12
PROTOC_GEN_GO_GRPC := v1.6.2
GRPCURL := v1.9.4
go-tools: .tools/go-tools-$(PROTOC_GEN_GO)-$(PROTOC_GEN_GO_GRPC)
.tools/go-tools-$(PROTOC_GEN_GO)-$(PROTOC_GEN_GO_GRPC):
	mkdir -p .tools/bin
	GOBIN=$(CURDIR)/.tools/bin go install google.golang.org/protobuf/cmd/protoc-gen-go@$(PROTOC_GEN_GO)
	GOBIN=$(CURDIR)/.tools/bin go install google.golang.org/grpc/cmd/protoc-gen-go-grpc@$(PROTOC_GEN_GO_GRPC)
	touch $@

## grpcurl: grpcurl (pinned) into .tools/bin, for docs/clients.md
grpcurl: .tools/bin/grpcurl
.tools/bin/grpcurl:
	GOBIN=$(CURDIR)/.tools/bin go install github.com/fullstorydev/grpcurl/cmd/grpcurl@$(GRPCURL)

## ghz: the gRPC load tool (pinned) into .tools/bin, for bench/bench_unary_cache.py
GHZ := v0.120.0
.PHONY: ghz
ghz: .tools/ghz-$(GHZ)
.tools/ghz-$(GHZ):
	mkdir -p .tools/bin
	GOBIN=$(CURDIR)/.tools/bin go install github.com/bojand/ghz/cmd/ghz@$(GHZ)
	touch $@

## deploy-check: the Kubernetes base (deploy/kubernetes) rendered by kustomize and validated by
## kubeconform (-strict) offline, against the schemas vendored in deploy/kubernetes/schemas
## (deploy/kubernetes/vendor_schemas.py makes them for KUBERNETES_VERSION)
KUSTOMIZE := v5.8.1
KUBECONFORM := v0.8.0
KUBERNETES_VERSION := 1.34.0
K8S_SCHEMAS := deploy/kubernetes/schemas/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}
.PHONY: k8s-tools deploy-check
k8s-tools: .tools/k8s-tools-$(KUSTOMIZE)-$(KUBECONFORM)
.tools/k8s-tools-$(KUSTOMIZE)-$(KUBECONFORM):
	mkdir -p .tools/bin
	GOBIN=$(CURDIR)/.tools/bin go install sigs.k8s.io/kustomize/kustomize/v5@$(KUSTOMIZE)
	GOBIN=$(CURDIR)/.tools/bin go install github.com/yannh/kubeconform/cmd/kubeconform@$(KUBECONFORM)
	touch $@
deploy-check: k8s-tools
	set -o pipefail; .tools/bin/kustomize build deploy/kubernetes \
	  | .tools/bin/kubeconform -strict -summary -kubernetes-version $(KUBERNETES_VERSION) \
	    -schema-location '$(K8S_SCHEMAS)/{{ .ResourceKind }}{{ .KindSuffix }}.json' -

## client-deps: the Go module's (downloaded and compiled) and the Node package's dependencies
client-deps: go-deps node-deps
go-deps: .tools/go-deps.stamp
.tools/go-deps.stamp: clients/go/go.mod clients/go/go.sum
	mkdir -p .tools
	cd clients/go && go mod download && go build ./... && go vet ./...
	touch $@
node-deps: clients/node/node_modules/.installed
clients/node/node_modules/.installed: clients/node/package.json clients/node/package-lock.json
	cd clients/node && npm ci --no-audit --no-fund --ignore-scripts
	touch $@

## overlay: the browser overlay (examples/overlay), type-checked by tsc and bundled by esbuild
## into examples/overlay/dist (not committed: built from the lockfile, ~5 s); its messages are
## the Node client's generated code (clients/node/gen, `make protos`)
OVERLAY := examples/overlay
.PHONY: overlay
overlay: $(OVERLAY)/dist/overlay.js
$(OVERLAY)/node_modules/.installed: $(OVERLAY)/package.json $(OVERLAY)/package-lock.json
	cd $(OVERLAY) && npm ci --no-audit --no-fund --ignore-scripts
	touch $@
$(OVERLAY)/dist/overlay.js: $(OVERLAY)/node_modules/.installed $(OVERLAY)/build.mjs \
  $(OVERLAY)/tsconfig.json $(OVERLAY)/index.html $(OVERLAY)/overlay.css \
  $(wildcard $(OVERLAY)/src/*.ts) $(wildcard clients/node/gen/tokgate/v1/*)
	cd $(OVERLAY) && node_modules/.bin/tsc -p . && node build.mjs
## overlay-screenshot: docs/images/overlay.png taken afresh by the overlay's test (make test
## never rewrites it)
.PHONY: overlay-screenshot
overlay-screenshot: install overlay
	mkdir -p docs/images
	TOKGATE_OVERLAY_SCREENSHOT=$(CURDIR)/docs/images/overlay.png \
	  $(BIN)/pytest tests/clients/test_overlay.py -q -k shows_chat

## protos: regenerate every stub from protos/ (committed; CI checks they match)
protos: install go-tools node-deps
	./scripts/generate_protos.sh

## protos-check: fail when the committed stubs differ from a fresh generation
protos-check: install go-tools node-deps protos-breaking
	@scratch=$$(mktemp -d); trap 'rm -rf $$scratch' EXIT; \
	./scripts/generate_protos.sh $$scratch; \
	diff -r clients/python/tokgate/v1 $$scratch/clients/python/tokgate/v1 --exclude=__pycache__ \
	  && diff -r clients/python/tokgate/webcast $$scratch/clients/python/tokgate/webcast --exclude=__pycache__ \
	  && diff -r clients/go/gen $$scratch/clients/go/gen \
	  && diff -r clients/node/gen $$scratch/clients/node/gen \
	  || { echo "generated stubs are stale: run 'make protos' and commit"; exit 1; }
	cd protos && ../$(BIN)/buf lint

## protos-breaking: `buf breaking` of the contract (protos/; buf.yaml leaves out webcast/, which
## mirrors TikTok's wire) against two references. (1) main's committed protos, for uncommitted
## and branch work: the local branch main, else origin/main, skipped in a copy with neither (a
## source tarball). (2) protos/released.json, the contract as last released: CI runs on a fresh
## clone of main, where (1) compares HEAD with itself, and (2) still catches a breaking change
## that reached main. The baseline is a committed `buf build` image, not a recorded commit: it
## needs no git history (shallow clones, tarballs), and its diff at a release shows what the
## contract gained. Refresh it only when releasing (make protos-release), never to pass this.
.PHONY: protos-breaking protos-release
protos-breaking: install
	@if git rev-parse -q --verify refs/heads/main >/dev/null 2>&1; then main='branch=main'; \
	elif git rev-parse -q --verify refs/remotes/origin/main >/dev/null 2>&1; then main='ref=origin/main'; \
	else main=''; echo "protos-breaking: no main branch here; checking against the release only"; fi; \
	if [ -n "$$main" ]; then $(BIN)/buf breaking protos --against ".git#$$main,subdir=protos" || exit 1; fi; \
	$(BIN)/buf breaking protos --against protos/released.json

## protos-release: record the committed contract (HEAD's protos/) as released, in protos/released.json
protos-release: install
	set -o pipefail; $(BIN)/buf build '.git#ref=HEAD,subdir=protos' --exclude-source-info -o '-#format=json' \
	  | $(PYTHON) -m json.tool --indent 1 >protos/released.json.tmp
	mv protos/released.json.tmp protos/released.json

## lint: ruff, mypy and buf lint
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	cd protos && ../$(BIN)/buf lint

# What every test needs installed or built (test, soak and corpus run the same tests).
TEST_SETUP := install system-deps client-deps deploy-check ghz overlay

## test: everything, from nothing: installs, lint, stale-stub check, all tests. The tests run on
## two pytest-xdist workers, a whole module on one (its simulator and server are module-scoped),
## the longest modules first (tests/conftest.py); `make test PYTEST_WORKERS=` runs them serially.
PYTEST_WORKERS ?= -n 2 --dist loadfile --no-loadscope-reorder
test: $(TEST_SETUP) protos-check lint
	$(BIN)/pytest $(PYTEST_WORKERS)

## corpus: the error corpus (server/tokgate/plugin_kit/corpus.json; docs/plugins.md) recorded
## afresh, as a by-product of the tests: every server they start writes the failures it reports
## into CORPUS_RECORDING (TOKGATE_CORPUS_RECORD), then the cases are merged. Run it when
## tests/plugin_kit/test_corpus.py says the libraries or hooks changed, or tests gained failures.
CORPUS_RECORDING := build/corpus-recording
.PHONY: corpus corpus-refresh
corpus: $(TEST_SETUP)
	rm -rf $(CORPUS_RECORDING)
	TOKGATE_CORPUS_RECORD=$(CURDIR)/$(CORPUS_RECORDING) \
	  $(BIN)/pytest $(PYTEST_WORKERS) --ignore=tests/plugin_kit/test_corpus.py
	$(PYTHON) scripts/corpus.py merge $(CORPUS_RECORDING)

## corpus-refresh: the built-ins' answers in the corpus recomputed, in seconds (after a change
## of tokgate's classifiers that test_corpus.py reports)
corpus-refresh: install
	$(PYTHON) scripts/corpus.py refresh

## soak: the long tier (docs/testing.md): the same set-up, then every test with --soak
soak: $(TEST_SETUP) protos-check lint
	$(BIN)/pytest --soak

## demo: the simulator and the server, a live stream watched, one typed failure shown
demo: install
	$(BIN)/tokgate demo

## bench: every bench/bench_*.py, each printing its figures as ratios against baselines measured
## in the same run (the end-to-end one unbatched and batched: both ends, issue 12 point 5); then
## issue 12's batching target, 100 subscribers at batch 50 (docs/performance.md). Each bench
## also has a --quick mode, which `make test` runs as a smoke test (tests/bench).
BENCH_BATCHED_PIPELINE := --rate 1000 --subscribers 100 --batch 50 --max-delay-ms 50
# The in-process baseline of bench_end_to_end.py: the Node library issue 12 weighs tokgate
# against, run against the simulator (bench/node_library_client.mjs). Pinned; outside the repo.
BENCH_NODE_LIBRARY := tiktok-live-connector@2.5.0
.PHONY: bench-node-library
bench-node-library: .tools/bench-node/.installed-$(BENCH_NODE_LIBRARY)
.tools/bench-node/.installed-$(BENCH_NODE_LIBRARY):
	mkdir -p .tools/bench-node
	cd .tools/bench-node && npm install --no-audit --no-fund --ignore-scripts $(BENCH_NODE_LIBRARY)
	touch $@
bench: install bench-node-library ghz
	@for b in bench/bench_*.py; do \
	  case $$b in bench/bench_end_to_end.py) args="--batch 50";; *) args="";; esac; \
	  echo "== $$b $$args"; $(PYTHON) $$b $$args || exit 1; \
	done
	@echo "== bench/bench_pipeline.py $(BENCH_BATCHED_PIPELINE)"
	@$(PYTHON) bench/bench_pipeline.py $(BENCH_BATCHED_PIPELINE)

clean:
	rm -rf $(VENV) .tools .mypy_cache .ruff_cache .pytest_cache native/target
