#!/usr/bin/env bash
# Builds the pinned control-plane and CLI binaries from the Go module proxy into a cache under
# the home directory. The cache key is the content of the pinning modules in hack/tools and the
# Go version, so a changed pin rebuilds and an unchanged one returns at once.
# Prints the directory holding the binaries as its last line.
set -euo pipefail

HACK_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOOLS_DIR="$HACK_DIR/tools"
CACHE_ROOT="${KUBECHAT_TOOLS_CACHE:-$HOME/.cache/kubechat/tools}"
KUBERNETES_VERSION="$(awk '$1=="k8s.io/kubernetes"{print $2}' "$TOOLS_DIR/kubernetes/go.mod")"

key="$( (go version; cat "$TOOLS_DIR"/*/go.mod "$TOOLS_DIR"/*/go.sum "$0") | sha256sum | cut -c1-16)"
out="$CACHE_ROOT/$key"

if [[ -f "$out/.complete" ]]; then
  echo "$out"
  exit 0
fi

log() { echo "[build-tools $(date +%H:%M:%S)] $*" >&2; }
# Several checkouts or test runs may ask at once: one builds, the others wait and reuse its result.
mkdir -p "$CACHE_ROOT"
exec 9>"$CACHE_ROOT/.lock"
flock 9
if [[ -f "$out/.complete" ]]; then
  echo "$out"
  exit 0
fi
log "building pinned tools into $out (first time for this pin; later runs reuse it)"
mkdir -p "$out"

# -trimpath and stripped symbols keep the binaries small and the link step short.
build() {
  local module="$1"; shift
  local started=$SECONDS
  log "$module: go build $*"
  (cd "$TOOLS_DIR/$module" && go build -trimpath -o "$out/" "$@")
  log "$module: done in $((SECONDS - started))s"
}

# Kubernetes reads its own version from these variables; without them it reports v0.0.0,
# which breaks version negotiation in kubectl, kwok and clients.
minor="$(echo "$KUBERNETES_VERSION" | cut -d. -f2)"
version_flags=""
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  version_flags+=" -X $pkg.gitVersion=$KUBERNETES_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
done

build kubernetes -ldflags "-s -w $version_flags" tool
build etcd -ldflags "-s -w" tool
mv "$out/server" "$out/etcd"
build kwok -ldflags "-s -w" tool
# kwok needs Stage definitions to move fake nodes and pods through their lifecycle; take the
# "fast" ones its release ships, from the module just built.
stages="$(cd "$TOOLS_DIR/kwok" && go list -m -f '{{.Dir}}' sigs.k8s.io/kwok)/kustomize/stage"
mkdir -p "$out/kwok-stages"
cp "$stages/node/fast/node-initialize.yaml" "$stages/node/heartbeat-with-lease/node-heartbeat-with-lease.yaml" \
   "$stages/pod/fast/pod-ready.yaml" "$stages/pod/fast/pod-complete.yaml" "$stages/pod/fast/pod-delete.yaml" \
   "$out/kwok-stages/"
build helm -ldflags "-s -w" tool
build kubeconform -ldflags "-s -w" tool
# The OpenAPI document of the pinned Kubernetes release, from the module just built: the chart tests
# turn it into kubeconform's schemas offline.
mkdir -p "$out/kubernetes-openapi"
cp "$(cd "$TOOLS_DIR/kubernetes" && go list -m -f '{{.Dir}}' k8s.io/kubernetes)/api/openapi-spec/swagger.json" "$out/kubernetes-openapi/"

# operator-sdk: the module proxy serves its source zip but refuses its go.mod (403), which a tool
# directive needs. Serve that go.mod, read from the zip, through a file proxy ahead of the usual one;
# hack/tools/operator-sdk/go.sum pins both hashes, so go still verifies what it is given.
osdk_module=github.com/operator-framework/operator-sdk
osdk_version="$(awk -v m="$osdk_module" '$1==m{print $2}' "$TOOLS_DIR/operator-sdk/go.mod")"
osdk_proxy="$out/.goproxy/$osdk_module/@v"
upstream="$(go env GOPROXY | cut -d, -f1)"
mkdir -p "$osdk_proxy"
curl -fsSL -o "$osdk_proxy/$osdk_version.zip" "$upstream/$osdk_module/@v/$osdk_version.zip"
curl -fsSL -o "$osdk_proxy/$osdk_version.info" "$upstream/$osdk_module/@v/$osdk_version.info"
python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' \
  "$osdk_proxy/$osdk_version.zip" "$osdk_module@$osdk_version/go.mod" > "$osdk_proxy/$osdk_version.mod"
echo "$osdk_version" > "$osdk_proxy/list"
# As its release is built: without cgo, OpenPGP in Go instead of gpgme.
GOPROXY="file://$out/.goproxy,$(go env GOPROXY)" CGO_ENABLED=0 build operator-sdk -tags containers_image_openpgp \
  -ldflags "-s -w -X $osdk_module/internal/version.Version=$osdk_version -X $osdk_module/internal/version.GitVersion=$osdk_version" tool
rm -rf "$out/.goproxy"

touch "$out/.complete"
# Binaries of earlier pins are 500 MB each; keep only the current one, and any a running process
# (a cluster started before the pin changed) still executes.
for old in "$CACHE_ROOT"/*/; do
  old="${old%/}"
  [[ "$old" == "$out" ]] && continue
  if find /proc/[0-9]*/exe -maxdepth 0 -lname "$old/*" 2>/dev/null | grep -q .; then
    log "keeping $old: a running process uses it"
    continue
  fi
  rm -rf "$old"
done
log "all tools built: $(ls "$out" | tr '\n' ' ')"
echo "$out"
