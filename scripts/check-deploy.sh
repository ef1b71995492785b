#!/usr/bin/env sh
# podfit checks its own pods: the deploy/ manifests, rendered by kustomize where kubectl is installed (the
# overlay, as a cluster would receive them) or else the plain base, analysed against the example inventory.
# Exit 1 when a pod of podfit's own would fit on no node.
set -eu
cd "$(dirname "$0")/.."
if command -v kubectl >/dev/null 2>&1 && kubectl kustomize deploy/kustomize/overlays/production >/dev/null 2>&1; then
  echo "podfit analyze: kubectl kustomize deploy/kustomize/overlays/production"
  kubectl kustomize deploy/kustomize/overlays/production |
    node dist/cli/podfit.js analyze -f - --nodes examples/nodes.json -o wide
else
  echo "podfit analyze: deploy/kustomize/base (kubectl is not installed to render the overlay)"
  node dist/cli/podfit.js analyze -f deploy/kustomize/base --nodes examples/nodes.json -o wide
fi
