# The front door. Each target calls Maven, npm or a hack/ script; the logic lives there.
.PHONY: help demo test build crds docs olm-bundle images tools cluster-up cluster-down bench eval clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

demo: ## Local cluster with sample workloads and the KubeChat CRDs; prints how to use it
	hack/demo

test: ## Every test, against a real local control plane
	hack/test

build: ## Compile and package every module, no tests
	./mvnw -B install -DskipTests

crds: ## Regenerate crds/generated from the model in crds/
	./mvnw -B -q -pl crds -am process-classes
	cp crds/target/classes/META-INF/fabric8/*-v1.yml crds/generated/
	cp crds/generated/*-v1.yml helm/kubechat/crds/
	cp crds/admission/*.yaml helm/kubechat/files/admission/

olm-bundle: ## Regenerate olm-bundle/bundle from the chart's sources, CRDs and examples
	./mvnw -B -q -f olm-bundle/pom.xml test -Dtest=BundleUpToDateTest -Dolm.bundle.write=true

images: ## Operator and gateway image tarballs with Jib, no Docker daemon (needs the packaged apps and a reachable base image)
	./mvnw -B -f helm/pom.xml -Pimages initialize jib:buildTar@operator jib:buildTar@gateway

docs: ## Regenerate the generated references in docs/reference
	python3 docs/tools/crd-reference.py
	python3 docs/tools/values-reference.py

tools: ## Build the pinned Kubernetes binaries into ~/.cache/kubechat (once per pin)
	hack/build-tools.sh

cluster-up: ## Start the local control plane (.cluster/)
	hack/cluster up

cluster-down: ## Stop the local control plane
	hack/cluster down

bench: ## Benchmarks, printed with their same-run baselines
	hack/bench

eval: ## Translator accuracy on the test corpus, overall and by operation
	hack/eval

clean: ## Remove build output (not the tool cache)
	./mvnw -B -q clean
